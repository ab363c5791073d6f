namespace NlpHost.Tasks.Cluster.Keywords;

/// <summary>
/// Class-based TF-IDF (as in BERTopic) over words and two-word phrases: each cluster's documents are joined into one,
/// and a term scores by its frequency in that cluster times log(1 + mean terms per cluster / its frequency overall).
/// Stop words and numbers never become terms; a phrase is two words next to each other
/// (nothing but spaces between), neither a stop word.
/// </summary>
internal static class ClassTfIdf
{
    /// <summary>A candidate term of one cluster: its c-TF-IDF score and how many of the cluster's documents hold it.</summary>
    public sealed record Candidate(string Term, double Score, int Documents, int FirstSeen);

    /// <param name="texts">All documents.</param>
    /// <param name="labels">Cluster of each document (−1: outlier, left out of every cluster).</param>
    /// <param name="order">Documents in the order they are read (central members first), so earlier is more typical.</param>
    /// <param name="clusterCount">Number of clusters.</param>
    /// <param name="top">Candidates kept per cluster.</param>
    public static IReadOnlyList<Candidate>[] Candidates(IReadOnlyList<string> texts, int[] labels, IEnumerable<int> order, int clusterCount, int top)
    {
        var counts = Enumerable.Range(0, clusterCount).Select(_ => new Dictionary<string, TermCount>(StringComparer.Ordinal)).ToArray();
        var sizes = new int[clusterCount];
        var overall = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var i in order.Where(i => labels[i] >= 0))
        {
            var cluster = counts[labels[i]];
            sizes[labels[i]]++;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var term in Terms(texts[i]))
            {
                var count = cluster.TryGetValue(term, out var c) ? c : cluster[term] = new TermCount(cluster.Count);
                count.Occurrences++;
                if (seen.Add(term))
                {
                    count.Documents++;
                }

                overall[term] = overall.GetValueOrDefault(term) + 1;
            }
        }

        var meanTerms = counts.Average(c => (double)c.Values.Sum(t => t.Occurrences));
        return [.. counts.Select((cluster, c) =>
        {
            var total = Math.Max(1, cluster.Values.Sum(t => t.Occurrences));
            // In a cluster of five or more documents a term of one document only is an accident of wording: such terms
            // come after every term shared by two documents, and are used only when there are not enough of those.
            var minDocuments = sizes[c] >= 5 ? 2 : 1;
            var candidates = cluster.Select(kv => new Candidate(
                kv.Key,
                (double)kv.Value.Occurrences / total * Math.Log(1 + (meanTerms / overall[kv.Key])),
                kv.Value.Documents,
                kv.Value.FirstSeen));
            // Ties (common in small clusters, where every word occurs once) go to the term in more documents, then
            // to the one met first in the most central documents: never to the alphabet.
            return (IReadOnlyList<Candidate>)candidates
                .OrderByDescending(x => x.Documents >= minDocuments).ThenByDescending(x => x.Score).ThenByDescending(x => x.Documents).ThenBy(x => x.FirstSeen)
                .Take(top).ToList();
        })];
    }

    /// <summary>The words (not stop words) of a text and its two-word phrases of adjacent such words.</summary>
    public static IEnumerable<string> Terms(string text)
    {
        string? previous = null;
        foreach (var (word, joined) in WordTokenizer.Tokens(text))
        {
            if (!joined)
            {
                previous = null;
            }

            if (StopWords.English.Contains(word))
            {
                previous = null;
                continue;
            }

            yield return word;
            if (previous is not null && previous != word)
            {
                yield return previous + " " + word;
            }

            previous = word;
        }
    }

    private sealed class TermCount(int firstSeen)
    {
        public int FirstSeen { get; } = firstSeen;

        public int Occurrences { get; set; }

        public int Documents { get; set; }
    }
}
