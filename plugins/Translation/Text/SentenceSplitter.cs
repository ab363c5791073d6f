using System.Globalization;
using NlpHost.Abstractions.Backbone;

namespace NlpHost.Tasks.Translation.Text;

/// <summary>
/// Splits a document into sentences by rule: a line break always ends one; so does <c>. ! ? …</c> (with any closing
/// quotes or brackets) followed by a space and something that can start a sentence, unless the word before the period
/// is a known abbreviation or an initial. CJK full stops end a sentence without a space. Everything between two
/// sentences is whitespace, kept verbatim on reassembly, so paragraphs and line breaks survive translation.
/// </summary>
internal static class SentenceSplitter
{
    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "vs", "etc", "e.g", "i.e", "no", "fig", "approx", "inc", "ltd",
        "co", "corp", "mt", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k",
    };

    /// <summary>Spans of the sentences of <paramref name="text"/>, each trimmed of surrounding whitespace.</summary>
    public static IReadOnlyList<TextSpan> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sentences = new List<TextSpan>();
        var start = -1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\n' or '\r')
            {
                Close(text, ref start, i, sentences);
                continue;
            }

            if (start < 0)
            {
                if (char.IsWhiteSpace(c))
                {
                    continue;
                }

                start = i;
            }

            if (c is '。' or '！' or '？')
            {
                Close(text, ref start, i + 1, sentences);
            }
            else if (c is '.' or '!' or '?' or '…')
            {
                var end = i + 1;
                while (end < text.Length && IsCloser(text[end]))
                {
                    end++;
                }

                if (EndsSentence(text, start, i, end))
                {
                    Close(text, ref start, end, sentences);
                    i = end - 1;
                }
            }
        }

        Close(text, ref start, text.Length, sentences);
        return sentences;
    }

    /// <summary>Joins translated sentences with the original whitespace between their sources.</summary>
    public static string Reassemble(string source, IReadOnlyList<TextSpan> spans, IReadOnlyList<string> translations)
    {
        var result = new System.Text.StringBuilder(source.Length + 16);
        var previousEnd = 0;
        for (var i = 0; i < spans.Count; i++)
        {
            result.Append(source, previousEnd, spans[i].Start - previousEnd).Append(translations[i]);
            previousEnd = spans[i].End;
        }

        return result.Append(source, previousEnd, source.Length - previousEnd).ToString();
    }

    private static void Close(string text, ref int start, int end, List<TextSpan> sentences)
    {
        if (start < 0)
        {
            return;
        }

        var last = end;
        while (last > start && char.IsWhiteSpace(text[last - 1]))
        {
            last--;
        }

        sentences.Add(new TextSpan(start, last - start));
        start = -1;
    }

    private static bool EndsSentence(string text, int start, int mark, int end)
    {
        if (end >= text.Length)
        {
            return true;
        }

        if (!char.IsWhiteSpace(text[end]))
        {
            return false;
        }

        var next = end;
        while (next < text.Length && text[next] is ' ' or '\t')
        {
            next++;
        }

        if (next < text.Length && !CanStartSentence(text[next]))
        {
            return false;
        }

        return text[mark] != '.' || !IsAbbreviation(text, start, mark);
    }

    // "Dr." or "U.S." or an initial like "J." do not end a sentence.
    private static bool IsAbbreviation(string text, int start, int period)
    {
        var wordStart = period;
        while (wordStart > start && !char.IsWhiteSpace(text[wordStart - 1]) && text[wordStart - 1] is not ('(' or '"' or '\''))
        {
            wordStart--;
        }

        var word = text[wordStart..period];
        return (word.Length == 1 && char.IsUpper(word[0])) || Abbreviations.Contains(word);
    }

    private static bool CanStartSentence(char c) =>
        char.IsUpper(c) || char.IsDigit(c) || c is '"' or '\'' or '“' or '‘' or '«' or '(' or '[' or '¿' or '¡' or '-' or '—'
        || (char.IsLetter(c) && !char.IsLower(c)) || char.GetUnicodeCategory(c) == UnicodeCategory.OtherLetter;

    private static bool IsCloser(char c) => c is '"' or '\'' or '”' or '’' or '»' or ')' or ']';
}
