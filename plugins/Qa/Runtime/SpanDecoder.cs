namespace NlpHost.Tasks.Qa.Runtime;

/// <summary>
/// Turns start/end logits over the windows of one context into ranked character spans of the original context:
/// spans lie inside the context part, end at or after their start, are at most <c>maxAnswerTokens</c> long, and
/// never start or end inside a word of the original text (<see cref="WordBoundaries"/>); a span found in two
/// overlapping windows keeps its best score, and the answers returned are distinct (<see cref="DistinctAnswers"/>).
/// How a span is scored is the <see cref="SpanScoring"/>'s business.
/// </summary>
internal static class SpanDecoder
{
    public sealed record Candidate(int Start, int End, double Score);

    // Only the strongest starts and ends can form the best spans; 20 each keeps this linear in the window.
    private const int Strongest = 20;

    public static IReadOnlyList<Candidate> Decode(
        string context, IReadOnlyList<(QaWindow Window, float[] StartLogits, float[] EndLogits)> windows, int maxAnswerTokens, int topK, SpanScoring? scoring = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(windows);
        scoring ??= SpanScoring.ContextSoftmax;
        var best = new Dictionary<(int, int), double>();
        foreach (var (window, startLogits, endLogits) in windows)
        {
            var spans = window.ContextSpans;
            var score = scoring.ForWindow(window, startLogits, endLogits);
            var starts = Strongest_(spans.Length, i => startLogits[window.ContextOffset + i], i => !WordBoundaries.IsInsideWord(context, spans[i].Start));
            var ends = Strongest_(spans.Length, i => endLogits[window.ContextOffset + i], i => !WordBoundaries.IsInsideWord(context, spans[i].End));
            foreach (var s in starts)
            {
                foreach (var e in ends.Where(e => e >= s && e - s < maxAnswerTokens))
                {
                    var key = (spans[s].Start, spans[e].End);
                    var value = score(s, e);
                    if (!best.TryGetValue(key, out var known) || known < value)
                    {
                        best[key] = value;
                    }
                }
            }
        }

        var ranked = best.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key.Item1).Select(kv => new Candidate(kv.Key.Item1, kv.Key.Item2, kv.Value));
        return DistinctAnswers.Take(ranked, c => context[c.Start..c.End], topK);
    }

    private static List<int> Strongest_(int count, Func<int, float> logit, Func<int, bool> allowed) =>
        [.. Enumerable.Range(0, count).Where(allowed).OrderByDescending(logit).Take(Strongest)];
}
