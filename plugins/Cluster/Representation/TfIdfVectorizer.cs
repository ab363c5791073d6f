using NlpHost.Tasks.Cluster.Keywords;

namespace NlpHost.Tasks.Cluster.Representation;

/// <summary>
/// L2-normalized TF-IDF vectors with scikit-learn's defaults (raw counts, smoothed idf), English stop
/// words removed, and words kept only when they occur in at least <c>minDf</c> documents and at most half of them.
/// </summary>
internal static class TfIdfVectorizer
{
    public static List<SparseVector> Vectorize(IReadOnlyList<string> texts, int minDf, out int vocabularySize)
    {
        var documents = texts.Select(t => WordTokenizer.Words(t).Where(w => !StopWords.English.Contains(w))
            .GroupBy(w => w, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal)).ToList();
        var documentFrequency = documents.SelectMany(d => d.Keys).GroupBy(w => w, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var vocabulary = documentFrequency.Where(kv => kv.Value >= minDf && kv.Value <= 0.5 * texts.Count)
            .OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select((kv, i) => (kv.Key, i)).ToDictionary(x => x.Key, x => x.i, StringComparer.Ordinal);
        vocabularySize = vocabulary.Count;
        var n = texts.Count;
        return [.. documents.Select(d =>
        {
            var terms = d.Where(kv => vocabulary.ContainsKey(kv.Key))
                .Select(kv => (Index: vocabulary[kv.Key], Weight: (float)(kv.Value * (Math.Log((1.0 + n) / (1 + documentFrequency[kv.Key])) + 1))))
                .OrderBy(x => x.Index).ToArray();
            var norm = MathF.Sqrt(terms.Sum(x => x.Weight * x.Weight));
            return new SparseVector([.. terms.Select(x => x.Index)], [.. terms.Select(x => norm > 0 ? x.Weight / norm : 0)]);
        })];
    }
}
