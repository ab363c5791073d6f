using System.Text.RegularExpressions;

namespace NlpHost.Tasks.Translate.Text.Protection;

/// <summary>What a protected span of the source is.</summary>
internal enum SpanKind
{
    /// <summary>A figure: digits with their separators, currency sign and percent (<c>$3.2</c>, <c>2,000</c>, <c>5%</c>, <c>10:30</c>).</summary>
    Number,

    /// <summary>A web address.</summary>
    Url,

    /// <summary>An e-mail address.</summary>
    Email,

    /// <summary>Inline code between backticks.</summary>
    Code,
}

/// <summary>A span of a source sentence that must reach the translation unchanged.</summary>
internal readonly record struct ProtectedSpan(SpanKind Kind, int Start, int Length, string Text);

/// <summary>
/// Finds the spans of a sentence that a translation must copy rather than translate. Addresses and code are found
/// first, so a figure inside a URL (<c>/v2/</c>) or an e-mail address is part of that span, not a number of its own.
/// </summary>
internal static partial class ProtectedSpans
{
    public static IReadOnlyList<ProtectedSpan> Find(string sentence)
    {
        var spans = new List<ProtectedSpan>();
        Add(spans, sentence, Code(), SpanKind.Code);
        Add(spans, sentence, Url(), SpanKind.Url);
        Add(spans, sentence, Email(), SpanKind.Email);
        Add(spans, sentence, Number(), SpanKind.Number);
        spans.Sort((x, y) => x.Start.CompareTo(y.Start));
        return spans;
    }

    private static void Add(List<ProtectedSpan> spans, string sentence, Regex pattern, SpanKind kind)
    {
        foreach (Match m in pattern.Matches(sentence))
        {
            if (!spans.Exists(s => m.Index < s.Start + s.Length && s.Start < m.Index + m.Length))
            {
                spans.Add(new ProtectedSpan(kind, m.Index, m.Length, m.Value));
            }
        }
    }

    [GeneratedRegex(@"`[^`\r\n]+`")]
    private static partial Regex Code();

    // Ends before trailing sentence punctuation ("see https://x.org." keeps the full stop out of the address).
    [GeneratedRegex(@"\b(?:https?://|www\.)[^\s<>""'`]*[^\s<>""'`.,;:!?)\]]", RegexOptions.IgnoreCase)]
    private static partial Regex Url();

    [GeneratedRegex(@"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")]
    private static partial Regex Email();

    // A figure not glued to letters ("B2B", "mp3" are words); separators only between digits ("2,000", "3.2",
    // "10:30", "12/05/2024"); a percent sign, with or without a space, belongs to it.
    [GeneratedRegex(@"(?<![\p{L}\d])[$€£¥]?\d+(?:[.,:/]\d+)*(?:\s?%)?(?![\p{L}\d])")]
    private static partial Regex Number();
}
