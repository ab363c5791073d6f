using System.Buffers;

namespace NlpHost.Tasks.Translate.Text.Protection;

/// <summary>
/// Makes a translation keep what must not be translated: figures, URLs, e-mail addresses and inline code. Before
/// encoding, addresses and code are replaced by placeholders (<see cref="Placeholders"/>); after decoding they are
/// written back and the source's figures are checked and repaired (<see cref="NumberRepair"/>). What still cannot be
/// placed is appended in parentheses, so nothing the user wrote is lost, and the sentence carries a warning.
/// The case of the first letter follows the source: the shared encoder is uncased, so the decoder cannot see it.
/// </summary>
internal sealed class CopyGuard
{
    private static readonly SearchValues<char> Openers = SearchValues.Create(" ¿¡\"'«(“");
    private readonly IReadOnlyList<(string Placeholder, string Original)> _map;
    private readonly IReadOnlyList<string> _figures;
    private readonly bool _startsUpper;

    private CopyGuard(string masked, IReadOnlyList<(string, string)> map, IReadOnlyList<string> figures, bool startsUpper)
    {
        Masked = masked;
        _map = map;
        _figures = figures;
        _startsUpper = startsUpper;
    }

    /// <summary>The sentence the model translates (addresses and code replaced).</summary>
    public string Masked { get; }

    public static CopyGuard Protect(string sentence)
    {
        var spans = ProtectedSpans.Find(sentence);
        var (masked, map) = Placeholders.Mask(sentence, spans);
        var figures = spans.Where(s => s.Kind == SpanKind.Number).Select(s => s.Text).ToList();
        var first = sentence.FirstOrDefault(char.IsLetter);
        return new CopyGuard(masked, map, figures, char.IsUpper(first));
    }

    /// <summary>The translation with every protected span in place, and a warning when one had to be appended.</summary>
    public (string Text, string? Warning) Restore(string translation, string targetLanguage)
    {
        var (text, lostSpans) = Placeholders.Restore(translation, _map);
        (text, var lostFigures) = NumberRepair.Apply(text, _figures, targetLanguage);
        text = MatchFirstLetterCase(text);
        var lost = lostSpans.Concat(lostFigures).ToList();
        if (lost.Count == 0)
        {
            return (text, null);
        }

        var warning = $"the translation did not keep {string.Join(", ", lost.Select(l => $"'{l}'"))}: appended in parentheses; check this sentence";
        return (Append(text, $"({string.Join(", ", lost)})"), warning);
    }

    private string MatchFirstLetterCase(string text)
    {
        var at = text.AsSpan().IndexOfAnyExcept(Openers);
        if (!_startsUpper || at < 0 || !char.IsLower(text[at]))
        {
            return text;
        }

        return string.Concat(text.AsSpan(0, at), char.ToUpperInvariant(text[at]).ToString(), text.AsSpan(at + 1));
    }

    private static string Append(string text, string addition)
    {
        var trimmed = text.TrimEnd();
        var end = trimmed.Length;
        while (end > 0 && ".!?…\"»”".Contains(trimmed[end - 1]))
        {
            end--;
        }

        return end == 0 ? addition : string.Concat(trimmed.AsSpan(0, end), " ", addition, trimmed.AsSpan(end));
    }
}
