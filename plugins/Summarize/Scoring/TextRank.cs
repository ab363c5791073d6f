using NlpHost.Tasks.Summarize.Text;

namespace NlpHost.Tasks.Summarize.Scoring;

/// <summary>
/// TextRank for sentences as Mihalcea and Tarau (2004) define it: PageRank (d = 0.85) over a graph weighted by word
/// overlap |Si ∩ Sj| / (log|Si| + log|Sj|), words being the ROUGE tokens (lower-cased, stemmed). No embeddings: the
/// eval's classic baseline, and a word-level centrality beside the embeddings' LexRank for the scorers (1 = average).
/// </summary>
internal static class TextRank
{
    private const double Damping = 0.85;

    public static double[] Score(IReadOnlyList<string> sentences)
    {
        var words = sentences.Select(s => StemmedWords.Of(s).ToHashSet(StringComparer.Ordinal)).ToList();
        var n = sentences.Count;
        var weight = new double[n, n];
        var outgoing = new double[n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                if (i != j && words[i].Count > 1 && words[j].Count > 1)
                {
                    weight[i, j] = words[i].Count(words[j].Contains) / (Math.Log(words[i].Count) + Math.Log(words[j].Count));
                    outgoing[i] += weight[i, j];
                }
            }
        }

        var rank = Enumerable.Repeat(1.0, n).ToArray();
        for (var iteration = 0; iteration < 100; iteration++)
        {
            var next = new double[n];
            for (var j = 0; j < n; j++)
            {
                var inflow = 0.0;
                for (var i = 0; i < n; i++)
                {
                    inflow += outgoing[i] > 0 ? weight[i, j] / outgoing[i] * rank[i] : 0;
                }

                next[j] = (1 - Damping) + Damping * inflow;
            }

            var change = rank.Zip(next, (a, b) => Math.Abs(a - b)).Max();
            rank = next;
            if (change < 1e-6)
            {
                break;
            }
        }

        return rank;
    }
}
