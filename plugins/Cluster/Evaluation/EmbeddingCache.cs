using System.Security.Cryptography;
using System.Text;
using NlpHost.Abstractions.Plugins;

namespace NlpHost.Tasks.Cluster.Evaluation;

/// <summary>
/// Keeps the backbone's embeddings of an evaluation set on disk (<c>Plugins:cluster:EmbeddingCache</c>, a folder),
/// keyed by the texts, the model file, its sequence length and a fingerprint of what the backbone computes: on two
/// CPU cores embedding 20 Newsgroups takes ten minutes, clustering it seconds, and both labellings of its posts share
/// one file. Evaluation only.
/// </summary>
/// <remarks>
/// The fingerprint is the embedding of a fixed probe text, rounded: <c>Backbone:Precision</c> (fp32 | int8) leaves
/// the model path and sequence length alone, and a plugin sees neither it nor the rest of the backbone's settings
/// (<see cref="NlpHost.Abstractions.Backbone.BackboneInfo"/> does not carry it), so the key records what the setting
/// changes instead: an int8 backbone embeds the probe differently and never reuses fp32 embeddings. Any other change
/// of the numbers (windowing, a retrained model under the same file name) is caught the same way.
/// </remarks>
internal static class EmbeddingCache
{
    public static async Task<float[][]> GetOrEmbedAsync(IReadOnlyList<string> texts, TaskContext context, CancellationToken cancellationToken)
    {
        var folder = context.GetSettings<ClusterSettings>().EmbeddingCache;
        if (string.IsNullOrWhiteSpace(folder))
        {
            return await ClusteringPipeline.EmbedAsync(texts, context, cancellationToken).ConfigureAwait(false);
        }

        var probe = (await context.Backbone.EmbedAsync([Probe], cancellationToken).ConfigureAwait(false))[0];
        var path = Path.Combine(folder, Key(texts, context, probe) + ".f32");
        if (File.Exists(path))
        {
            return Read(path, texts.Count);
        }

        var embeddings = await ClusteringPipeline.EmbedAsync(texts, context, cancellationToken).ConfigureAwait(false);
        Directory.CreateDirectory(folder);
        Write(path, embeddings);
        return embeddings;
    }

    private const string Probe = "NlpHost embedding cache probe: the committee approved the new budget for the city's schools.";

    internal static string Key(IReadOnlyList<string> texts, TaskContext context, float[] probe)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var info = context.Backbone.Info;
        hash.AppendData(Encoding.UTF8.GetBytes($"{Path.GetFileName(info.ModelPath)}|{info.MaxSequenceLength}|{texts.Count}|"));
        // Rounded to 1e-4: int8 moves components by ~1e-2, while a run-to-run wobble of the last float bits must not
        // miss the cache (a miss only costs re-embedding; a false hit would score the wrong numbers).
        foreach (var x in probe)
        {
            hash.AppendData(BitConverter.GetBytes((int)Math.Round(x * 1e4)));
        }

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
