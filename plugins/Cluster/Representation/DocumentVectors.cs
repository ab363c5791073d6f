using System.Numerics.Tensors;

namespace NlpHost.Tasks.Cluster.Representation;

/// <summary>
/// The vectors documents are clustered on. <c>hybrid</c> joins the backbone's sentence embedding
/// (centred on the corpus mean, which spreads the cone all MiniLM vectors sit in) with the document's
/// latent semantic vector (TF-IDF reduced by truncated SVD): the embedding carries meaning, LSA the
/// corpus-specific vocabulary the embedding blurs. Each part is unit length and weighted, so the
/// cosine of two hybrid vectors is a weighted mean of the two cosines.
/// </summary>
internal static class DocumentVectors
{
    /// <summary>Below this many documents TF-IDF statistics are too thin to help; embeddings alone are used.</summary>
    public const int MinDocumentsForHybrid = 100;

    /// <summary>Below this many documents the mean says too little to subtract; raw embeddings are used.</summary>
    public const int MinDocumentsToCentre = 5;

    public static IReadOnlyList<float[]> Build(IReadOnlyList<string> texts, IReadOnlyList<float[]> embeddings, ClusterOptions options, Random random)
    {
        if (options.Representation == ClusterRepresentation.Embedding)
        {
            return embeddings;
        }

        if (texts.Count < MinDocumentsForHybrid)
        {
            return texts.Count < MinDocumentsToCentre ? embeddings : [.. Centred(embeddings).Select(e => Scaled(e, 1))];
        }

        var tfidf = TfIdfVectorizer.Vectorize(texts, minDf: texts.Count >= 1000 ? 5 : 2, out var vocabulary);
        var rank = Math.Min(options.LsaDimensions, Math.Min(vocabulary, texts.Count) - 1);
        if (rank < 2)
        {
            return embeddings;
        }

        var lsa = RandomizedSvd.DocumentFactors(tfidf, vocabulary, rank, random);
        var centred = Centred(embeddings);
        var embeddingWeight = MathF.Sqrt((float)options.EmbeddingWeight);
        var lsaWeight = MathF.Sqrt(1 - (float)options.EmbeddingWeight);
        return [.. centred.Select((e, i) =>
        {
            var latent = Array.ConvertAll(lsa[i], x => (float)x);
            return (float[])[.. Scaled(e, embeddingWeight), .. Scaled(latent, lsaWeight)];
        })];
    }

    /// <summary>Embeddings minus their mean: MiniLM vectors share a common direction that hides differences.</summary>
    private static float[][] Centred(IReadOnlyList<float[]> embeddings)
    {
        var mean = new float[embeddings[0].Length];
        foreach (var e in embeddings)
        {
            TensorPrimitives.Add(mean, e, mean);
        }

        TensorPrimitives.Divide(mean, embeddings.Count, mean);
        return [.. embeddings.Select(e =>
        {
            var centred = new float[e.Length];
            TensorPrimitives.Subtract(e, mean, centred);
            return centred;
        })];
    }

    private static float[] Scaled(float[] vector, float weight)
    {
        var norm = TensorPrimitives.Norm(vector);
        var result = new float[vector.Length];
        if (norm > 0)
        {
            TensorPrimitives.Multiply(vector, weight / norm, result);
        }

        return result;
    }
}
