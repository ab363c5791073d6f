namespace NlpHost.Tasks.Qa.Runtime;

/// <summary>
/// The top answers, best first, none of which repeats another: an answer whose text equals, contains or is contained
/// in a better one's (ignoring case and surrounding spaces) is skipped, so top-k gives k different answers rather
/// than "Denver Broncos", "the Denver Broncos" and "Broncos".
/// </summary>
internal static class DistinctAnswers
{
    public static List<T> Take<T>(IEnumerable<T> ranked, Func<T, string> text, int count)
    {
        var kept = new List<T>();
        var texts = new List<string>();
        foreach (var item in ranked)
        {
            if (kept.Count >= count)
            {
                break;
            }

            var candidate = text(item).Trim();
            if (texts.Any(t => t.Contains(candidate, StringComparison.OrdinalIgnoreCase) || candidate.Contains(t, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            kept.Add(item);
            texts.Add(candidate);
        }

        return kept;
    }
}
