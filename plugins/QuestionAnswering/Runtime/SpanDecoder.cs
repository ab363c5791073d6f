namespace NlpHost.Tasks.QuestionAnswering.Runtime;

/// <summary>
/// Turns start/end logits over the windows of one context into ranked character spans of the original context:
/// spans lie inside the context part, end at or after their start, and are at most <c>maxAnswerTokens</c> long;
/// a span found in two overlapping windows keeps its best score. Scores are the product of the start and end
/// probabilities (softmax over each window's context pieces).
/// </summary>
internal static class SpanDecoder
{
    public sealed record Candidate(int Start, int End, double Score);

    public static IReadOnlyList<Candidate> Decode(IReadOnlyList<(QaWindow Window, float[] StartLogits, float[] EndLogits)> windows, int maxAnswerTokens, int topK)
    {
        var best = new Dictionary<(int, int), double>();
        foreach (var (window, startLogits, endLogits) in windows)
        {
            var count = window.ContextSpans.Length;
            var start = Softmax(startLogits.AsSpan(window.ContextOffset, count));
            var end = Softmax(endLogits.AsSpan(window.ContextOffset, count));
            // Only the strongest starts and ends can form the best spans; 20 each keeps this linear in the window.
            foreach (var s in TopIndices(start, 20))
            {
                foreach (var e in TopIndices(end, 20).Where(e => e >= s && e - s < maxAnswerTokens))
                {
                    var key = (window.ContextSpans[s].Start, window.ContextSpans[e].End);
                    var score = start[s] * end[e];
                    if (!best.TryGetValue(key, out var known) || known < score)
                    {
                        best[key] = score;
                    }
                }
            }
        }

        return [.. best.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key.Item1).Take(topK)
            .Select(kv => new Candidate(kv.Key.Item1, kv.Key.Item2, kv.Value))];
    }

    private static double[] Softmax(ReadOnlySpan<float> logits)
    {
        var max = float.NegativeInfinity;
        foreach (var x in logits)
        {
            max = Math.Max(max, x);
        }

        var result = new double[logits.Length];
        double sum = 0;
        for (var i = 0; i < logits.Length; i++)
        {
            result[i] = Math.Exp(logits[i] - max);
            sum += result[i];
        }

        for (var i = 0; i < result.Length; i++)
        {
            result[i] /= sum;
        }

        return result;
    }

    private static IEnumerable<int> TopIndices(double[] values, int count) =>
        Enumerable.Range(0, values.Length).OrderByDescending(i => values[i]).Take(count);
}
