namespace NlpHost.Tasks.Clustering.Keywords;

/// <summary>
/// Class-based TF-IDF (as in BERTopic): each cluster's documents are joined into one, and a word
/// scores by its frequency in that cluster times log(1 + mean words per cluster / its frequency overall).
/// </summary>
internal static class ClassTfIdf
{
    public static IReadOnlyList<string>[] TopWords(IReadOnlyList<string> texts, int[] labels, int clusterCount, int top)
    {
        var perCluster = new Dictionary<string, int>[clusterCount];
        for (var c = 0; c < clusterCount; c++)
        {
            perCluster[c] = new Dictionary<string, int>(StringComparer.Ordinal);
        }

        var overall = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < texts.Count; i++)
        {
            if (labels[i] < 0)
            {
                continue;
            }

            foreach (var word in WordTokenizer.Words(texts[i]).Where(w => !StopWords.English.Contains(w)))
            {
                perCluster[labels[i]][word] = perCluster[labels[i]].GetValueOrDefault(word) + 1;
                overall[word] = overall.GetValueOrDefault(word) + 1;
            }
        }

        var meanWords = perCluster.Average(c => (double)c.Values.Sum());
        return [.. perCluster.Select(counts =>
        {
            var size = Math.Max(1, counts.Values.Sum());
            return (IReadOnlyList<string>)counts
                .Select(kv => (Word: kv.Key, Score: (double)kv.Value / size * Math.Log(1 + (meanWords / overall[kv.Key]))))
                .OrderByDescending(x => x.Score)
                .ThenBy(x => x.Word, StringComparer.Ordinal)
                .Take(top)
                .Select(x => x.Word)
                .ToList();
        })];
    }
}
