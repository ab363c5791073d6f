namespace NlpHost.Tasks.Translate.Evaluation;

/// <summary>
/// Corpus chrF as sacreBLEU computes it by default (chrF2): character n-grams of 1..6 with whitespace removed, no word
/// n-grams, β = 2. Each sentence keeps the statistics of its best-scoring reference; the corpus score comes from the
/// summed statistics, averaging precision and recall over the orders that have n-grams on both sides. Returns 0..100.
/// </summary>
internal static class ChrF
{
    private const int Order = 6;
    private const double Beta = 2;

    public static double Corpus(IReadOnlyList<string> hypotheses, IReadOnlyList<IReadOnlyList<string>> references)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(hypotheses.Count, references.Count);
        var totals = new long[3 * Order];
        for (var i = 0; i < hypotheses.Count; i++)
        {
            var hypothesis = Squeeze(hypotheses[i]);
            long[]? best = null;
            var bestScore = -1.0;
            foreach (var reference in references[i])
            {
                var statistics = Statistics(hypothesis, Squeeze(reference));
                var score = Score(statistics);
                if (score > bestScore)
                {
                    (best, bestScore) = (statistics, score);
                }
            }

            for (var k = 0; best is not null && k < totals.Length; k++)
            {
                totals[k] += best[k];
            }
        }

        return Score(totals);
    }

    /// <summary>sacreBLEU's <c>_compute_f_score</c> without epsilon smoothing, over [hyp, ref, match] counts per order.</summary>
    public static double Score(IReadOnlyList<long> statistics)
    {
        const double epsilon = 1e-16;
        var factor = Beta * Beta;
        double precision = 0, recall = 0;
        var effectiveOrder = 0;
        for (var n = 0; n < Order; n++)
        {
            var (hypothesis, reference, match) = (statistics[3 * n], statistics[(3 * n) + 1], statistics[(3 * n) + 2]);
            precision += hypothesis > 0 ? (double)match / hypothesis : epsilon;
            recall += reference > 0 ? (double)match / reference : epsilon;
            effectiveOrder += hypothesis > 0 && reference > 0 ? 1 : 0;
        }

        if (effectiveOrder == 0)
        {
            return 0;
        }

        (precision, recall) = (precision / effectiveOrder, recall / effectiveOrder);
        return precision + recall > 0 ? 100 * (1 + factor) * precision * recall / ((factor * precision) + recall) : 0;
    }

    private static long[] Statistics(string hypothesis, string reference)
    {
        var statistics = new long[3 * Order];
        for (var n = 1; n <= Order; n++)
        {
            var h = NGrams.CountCharacters(hypothesis, n);
            var r = NGrams.CountCharacters(reference, n);
            statistics[3 * (n - 1)] = h.Values.Sum();
            statistics[(3 * (n - 1)) + 1] = r.Values.Sum();
            statistics[(3 * (n - 1)) + 2] = h.Sum(g => Math.Min(g.Value, r.GetValueOrDefault(g.Key)));
        }

        return statistics;
    }

    private static string Squeeze(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
}
