using System.Numerics.Tensors;

namespace NlpHost.Tasks.Cluster.Keywords;

/// <summary>
/// KeyBERT-style re-ranking of a cluster's c-TF-IDF candidates: each candidate is embedded on the backbone and
/// scored by its cosine with the cluster's embedding centroid, then chosen by maximal marginal relevance so the
/// keywords do not all say the same thing ("football", "football match", "football coach").
/// </summary>
internal static class KeyphraseSelector
{
    /// <summary>1 = relevance only, 0 = novelty only; 0.85 (diversity 0.15, near BERTopic's 0.1) keeps relevance first.</summary>
    public const double MmrLambda = 0.85;

    public static async Task<IReadOnlyList<string>[]> SelectAsync(
        IReadOnlyList<ClassTfIdf.Candidate>[] candidates, float[][] centroids, int keywords, Func<IReadOnlyList<string>, CancellationToken, Task<float[][]>> embed, CancellationToken cancellationToken)
    {
        var terms = candidates.SelectMany(c => c.Select(x => x.Term)).Distinct(StringComparer.Ordinal).ToList();
        var vectors = new Dictionary<string, float[]>(StringComparer.Ordinal);
        if (terms.Count > 0 && keywords > 0)
        {
            var embedded = await embed(terms, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < terms.Count; i++)
            {
                vectors[terms[i]] = embedded[i];
            }
        }

        return [.. candidates.Select((c, cluster) => Mmr(c, centroids[cluster], vectors, keywords))];
    }

    private static List<string> Mmr(IReadOnlyList<ClassTfIdf.Candidate> candidates, float[] centroid, Dictionary<string, float[]> vectors, int keywords)
    {
        var remaining = candidates.Select(c => c.Term).ToList();
        var relevance = remaining.ToDictionary(t => t, t => (double)TensorPrimitives.CosineSimilarity(vectors[t], centroid), StringComparer.Ordinal);
        var chosen = new List<string>();
        while (chosen.Count < keywords && remaining.Count > 0)
        {
            // remaining keeps the c-TF-IDF order, so MaxBy settles an exact tie by c-TF-IDF rank.
            var best = remaining.MaxBy(t => (MmrLambda * relevance[t]) -
                ((1 - MmrLambda) * (chosen.Count == 0 ? 0 : chosen.Max(s => TensorPrimitives.CosineSimilarity(vectors[t], vectors[s])))))!;
            chosen.Add(best);
            remaining.Remove(best);
        }

        return chosen;
    }
}
