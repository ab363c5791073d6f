using System.Text;
using System.Text.RegularExpressions;

namespace NlpHost.Tasks.Qa.Evaluation;

/// <summary>
/// Exact match and token F1 exactly as the official SQuAD v1.1 evaluation script computes them: answers are
/// lower-cased, ASCII punctuation and the articles a/an/the removed, whitespace collapsed; a prediction scores
/// its best value over the gold answers.
/// </summary>
internal static partial class SquadMetrics
{
    private const string Punctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    public static double ExactMatch(string prediction, IEnumerable<string> golds) =>
        golds.Max(g => Normalize(prediction) == Normalize(g) ? 1.0 : 0.0);

    public static double F1(string prediction, IEnumerable<string> golds) => golds.Max(g => F1(prediction, g));

    public static string Normalize(string text)
    {
        var lowered = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant())
        {
            if (!Punctuation.Contains(c, StringComparison.Ordinal))
            {
                lowered.Append(c);
            }
        }

        var withoutArticles = Articles().Replace(lowered.ToString(), " ");
        return string.Join(' ', withoutArticles.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    private static double F1(string prediction, string gold)
    {
        var predicted = Normalize(prediction).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var expected = Normalize(gold).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var counts = expected.GroupBy(t => t, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var common = 0;
        foreach (var token in predicted)
        {
            if (counts.TryGetValue(token, out var left) && left > 0)
            {
                counts[token] = left - 1;
                common++;
            }
        }

        if (common == 0)
        {
            return 0;
        }

        var precision = (double)common / predicted.Length;
        var recall = (double)common / expected.Length;
        return 2 * precision * recall / (precision + recall);
    }

    [GeneratedRegex(@"\b(a|an|the)\b")]
    private static partial Regex Articles();
}
