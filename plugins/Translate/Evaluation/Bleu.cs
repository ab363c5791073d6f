namespace NlpHost.Tasks.Translate.Evaluation;

/// <summary>
/// Corpus BLEU as sacreBLEU computes it by default: 13a tokens, n-grams up to 4 clipped by the most of each n-gram
/// in any one reference, the closest reference length (the shorter on a tie) for the brevity penalty, and the
/// <c>exp</c> smoothing of n-gram orders with no match (mteval's 1/2^k). Returns 0..100.
/// </summary>
internal static class Bleu
{
    private const int MaxOrder = 4;

    public static double Corpus(IReadOnlyList<string> hypotheses, IReadOnlyList<IReadOnlyList<string>> references)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(hypotheses.Count, references.Count);
        var correct = new long[MaxOrder];
        var total = new long[MaxOrder];
        long hypothesisLength = 0, referenceLength = 0;
        for (var i = 0; i < hypotheses.Count; i++)
        {
            var hypothesis = Tokenizer13a.Tokenize(hypotheses[i]);
            var refs = references[i].Select(Tokenizer13a.Tokenize).ToList();
            hypothesisLength += hypothesis.Length;
            referenceLength += refs.Select(r => r.Length).OrderBy(l => Math.Abs(l - hypothesis.Length)).ThenBy(l => l).First();
            for (var n = 1; n <= MaxOrder; n++)
            {
                var counts = NGrams.Count(hypothesis, n, " ");
                var maxReference = new Dictionary<string, int>(StringComparer.Ordinal);
                foreach (var reference in refs)
                {
                    foreach (var (gram, count) in NGrams.Count(reference, n, " "))
                    {
                        maxReference[gram] = Math.Max(count, maxReference.GetValueOrDefault(gram));
                    }
                }

                correct[n - 1] += counts.Sum(c => Math.Min(c.Value, maxReference.GetValueOrDefault(c.Key)));
                total[n - 1] += Math.Max(0, hypothesis.Length - n + 1);
            }
        }

        return Score(correct, total, hypothesisLength, referenceLength);
    }

    /// <summary>BLEU from the corpus statistics (sacreBLEU's <c>compute_bleu</c> with <c>exp</c> smoothing).</summary>
    public static double Score(IReadOnlyList<long> correct, IReadOnlyList<long> total, long hypothesisLength, long referenceLength)
    {
        if (hypothesisLength == 0)
        {
            return 0;
        }

        var smooth = 1.0;
        var logSum = 0.0;
        for (var n = 0; n < MaxOrder; n++)
        {
            if (total[n] == 0)
            {
                // sacreBLEU stops at the first order with no n-grams; the remaining precisions count as 0 (log → -∞).
                return 0;
            }

            double precision;
            if (correct[n] == 0)
            {
                smooth *= 2;
                precision = 100.0 / (smooth * total[n]);
            }
            else
            {
                precision = 100.0 * correct[n] / total[n];
            }

            logSum += Math.Log(precision);
        }

        var brevity = hypothesisLength < referenceLength ? Math.Exp(1 - ((double)referenceLength / hypothesisLength)) : 1.0;
        return brevity * Math.Exp(logSum / MaxOrder);
    }
}
