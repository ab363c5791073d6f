using System.Security.Cryptography;
using System.Text;
using NlpHost.Abstractions.Plugins;

namespace NlpHost.Tasks.Clustering.Evaluation;

/// <summary>
/// Keeps the backbone's embeddings of an evaluation set on disk (<c>Plugins:cluster:EmbeddingCache</c>, a folder),
/// keyed by the texts, the model file and its sequence length: on two CPU cores embedding 20 Newsgroups takes
/// ten minutes, clustering it seconds, and both labellings of its posts share one file. Evaluation only.
/// </summary>
internal static class EmbeddingCache
{
    public static async Task<float[][]> GetOrEmbedAsync(IReadOnlyList<string> texts, TaskContext context, CancellationToken cancellationToken)
    {
        var folder = context.GetSettings<ClusterSettings>().EmbeddingCache;
        if (string.IsNullOrWhiteSpace(folder))
        {
            return await ClusteringPipeline.EmbedAsync(texts, context, cancellationToken).ConfigureAwait(false);
        }

        var path = Path.Combine(folder, Key(texts, context) + ".f32");
        if (File.Exists(path))
        {
            return Read(path, texts.Count);
        }

        var embeddings = await ClusteringPipeline.EmbedAsync(texts, context, cancellationToken).ConfigureAwait(false);
        Directory.CreateDirectory(folder);
        Write(path, embeddings);
        return embeddings;
    }

    private static string Key(IReadOnlyList<string> texts, TaskContext context)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var info = context.Backbone.Info;
        hash.AppendData(Encoding.UTF8.GetBytes($"{Path.GetFileName(info.ModelPath)}|{info.MaxSequenceLength}|{texts.Count}|"));
        foreach (var text in texts)
        {
            hash.AppendData(BitConverter.GetBytes(text.Length));
            hash.AppendData(Encoding.UTF8.GetBytes(text));
        }

        return Convert.ToHexString(hash.GetHashAndReset())[..24].ToLowerInvariant();
    }

    private static void Write(string path, float[][] embeddings)
    {
        var temporary = path + ".tmp";
        using (var writer = new BinaryWriter(File.Create(temporary)))
        {
            writer.Write(embeddings.Length);
            writer.Write(embeddings.Length == 0 ? 0 : embeddings[0].Length);
            foreach (var vector in embeddings)
            {
                foreach (var x in vector)
                {
                    writer.Write(x);
                }
            }
        }

        File.Move(temporary, path, overwrite: true);
    }

    private static float[][] Read(string path, int expected)
    {
        using var reader = new BinaryReader(File.OpenRead(path));
        var (n, d) = (reader.ReadInt32(), reader.ReadInt32());
        if (n != expected)
        {
            throw new InvalidDataException($"embedding cache '{path}' holds {n} vectors, expected {expected}; delete it");
        }

        var embeddings = new float[n][];
        for (var i = 0; i < n; i++)
        {
            embeddings[i] = new float[d];
            for (var j = 0; j < d; j++)
            {
                embeddings[i][j] = reader.ReadSingle();
            }
        }

        return embeddings;
    }
}
