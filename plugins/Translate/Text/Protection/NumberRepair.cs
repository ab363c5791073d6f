using System.Text.RegularExpressions;

namespace NlpHost.Tasks.Translate.Text.Protection;

/// <summary>
/// Puts the source's figures back into a translation. The decoder writes figures as it learned them from
/// conversational data: "2,000" came out as "dos.000", "2025" as "2008", "5%" as "cinco%". A translation keeps the
/// source's figures verbatim instead: each source figure that the output does not already hold is written over the
/// output's own number mentions (digits, or number words of the target language), in order, when there are exactly
/// as many mentions left as figures; otherwise the figures that could not be placed are reported, never guessed.
/// </summary>
internal static partial class NumberRepair
{
    /// <summary>The repaired translation and the source figures it still lacks.</summary>
    public static (string Text, IReadOnlyList<string> Missing) Apply(string translation, IReadOnlyList<string> figures, string targetLanguage)
    {
        if (figures.Count == 0)
        {
            return (translation, []);
        }

        var mentions = Mentions(translation, targetLanguage);
        var replacements = new List<(Mention Mention, string Figure)>();
        var left = new List<string>();
        foreach (var figure in figures)
        {
            // The same digits count as the figure ("10.000" for "10,000"), but the source's form is written back.
            var same = mentions.FindIndex(m => m.IsDigits && Digits(m.Number) == Digits(figure));
            if (same < 0)
            {
                left.Add(figure);
                continue;
            }

            if (!string.Equals(mentions[same].Number, figure, StringComparison.Ordinal))
            {
                replacements.Add((mentions[same], figure));
            }

            mentions.RemoveAt(same);
        }

        // Digits first: a number word may be the translation of an English number word ("three men" → "tres hombres").
        var digits = mentions.Where(m => m.IsDigits).ToList();
        var chosen = left.Count == 0 ? [] : digits.Count == left.Count ? digits : mentions.Count == left.Count ? mentions : null;
        if (chosen is not null)
        {
            replacements.AddRange(chosen.Select((m, i) => (m, left[i])));
            left.Clear();
        }

        var text = translation;
        foreach (var (m, figure) in replacements.OrderByDescending(r => r.Mention.Start))
        {
            var length = figure.EndsWith('%') && m.PercentLength > 0 ? m.Length + m.PercentLength : m.Length;
            text = string.Concat(text.AsSpan(0, m.Start), figure, text.AsSpan(m.Start + length));
        }

        return (text, left);
    }

    private static string Digits(string number) => string.Concat(number.Where(char.IsAsciiDigit));

    private static List<Mention> Mentions(string text, string targetLanguage)
    {
        var words = NumberWords.For(targetLanguage);
        // Words first: "dos.000" is one mention, not the word "dos" and the figure "000".
        var found = new List<Mention>();
        foreach (Match m in words?.Matches(text) ?? (IEnumerable<Match>)[])
        {
            found.Add(new Mention(m.Index, m.Length, m.Value, false, PercentAfter(text, m.Index + m.Length)));
        }

        foreach (Match m in Digits().Matches(text))
        {
            if (!found.Exists(w => m.Index < w.Start + w.Length && w.Start < m.Index + m.Length))
            {
                found.Add(new Mention(m.Index, m.Length, m.Value, true, PercentAfter(text, m.Index + m.Length)));
            }
        }

        found.Sort((x, y) => x.Start.CompareTo(y.Start));

        // "cinco por ciento": the "ciento" of a percent marker is not a number of its own.
        found.RemoveAll(w => !w.IsDigits && found.Exists(m => m.PercentLength > 0 && m.Start + m.Length <= w.Start && w.Start < m.Start + m.Length + m.PercentLength));

        // "3.000 millones" is one figure: a scale word right after digits is not a number of its own.
        found.RemoveAll(w => !w.IsDigits && Scale().IsMatch(w.Number)
            && found.Exists(d => d.IsDigits && d.Start + d.Length <= w.Start && string.IsNullOrWhiteSpace(text[(d.Start + d.Length)..w.Start])));
        return found;
    }

    /// <summary>Characters of a percent marker right after a mention ("%", " %", " por ciento", " pour cent").</summary>
    private static int PercentAfter(string text, int end)
    {
        var m = Percent().Match(text, end);
        return m.Success && m.Index == end ? m.Length : 0;
    }

    [GeneratedRegex(@"(?<![\p{L}\d])[$€£¥]?\d+(?:[.,:/]\d+)*(?![\p{L}\d])")]
    private static partial Regex Digits();

    [GeneratedRegex(@"^(?:mil|millón|millones|millardos?|mille|millions?|milliards?)$", RegexOptions.IgnoreCase)]
    private static partial Regex Scale();

    [GeneratedRegex(@"\s?%|\s(?:por|pour)\s(?:ciento|cent)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Percent();

    private sealed record Mention(int Start, int Length, string Number, bool IsDigits, int PercentLength);
}
