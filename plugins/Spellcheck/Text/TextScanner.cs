namespace NlpHost.Tasks.Spellcheck.Text;

/// <summary>
/// Splits text into word tokens with exact character offsets. Whitespace-separated chunks that look like URLs,
/// e-mail addresses, numbers or code are one skipped token each; inside other chunks a word is a run of letters
/// with inner apostrophes (hyphens separate words). Capitalisation decides acronyms and mixed-case names.
/// </summary>
internal static class TextScanner
{
    private const string Trim = ".,;:!?\"'()[]{}«»“”‘’—–-…*";

    public static List<WordToken> Scan(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<WordToken>();
        var sentenceStart = true;
        var i = 0;
        while (i < text.Length)
        {
            var gapStart = i;
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i - gapStart > 1 && text.AsSpan(gapStart, i - gapStart).Count('\n') > 1)
            {
                sentenceStart = true;
            }

            var start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i > start)
            {
                ScanChunk(text, start, i, ref sentenceStart, tokens);
            }
        }

        return tokens;
    }

    private static void ScanChunk(string text, int start, int end, ref bool sentenceStart, List<WordToken> tokens)
    {
        var chunk = text.AsSpan(start, end - start);
        var left = chunk.Length - chunk.TrimStart(Trim).Length;
        var core = chunk.Trim(Trim);
        var kind = ChunkKind.Classify(core);
        if (kind is { } skipped)
        {
            tokens.Add(new WordToken(start + left, core.Length, skipped, sentenceStart));
        }
        else
        {
            var first = true;
            for (var i = start; i < end;)
            {
                if (!char.IsLetter(text[i]))
                {
                    i++;
                    continue;
                }

                var wordStart = i;
                while (i < end && (char.IsLetter(text[i]) || (IsApostrophe(text[i]) && i + 1 < end && char.IsLetter(text[i + 1]))))
                {
                    i++;
                }

                var word = text.AsSpan(wordStart, i - wordStart);
                tokens.Add(new WordToken(wordStart, word.Length, WordKind(word), sentenceStart && first));
                first = false;
            }
        }

        var tail = chunk.TrimEnd("\"')]}»”’*");
        if (tail.Length > 0 && tail[^1] is '.' or '!' or '?' or '…')
        {
            sentenceStart = true;
        }
        else if (core.Length > 0)
        {
            sentenceStart = false;
        }
    }

    public static bool IsApostrophe(char c) => c is '\'' or '’';

    private static TokenKind WordKind(ReadOnlySpan<char> word)
    {
        foreach (var c in word)
        {
            if (c > 127)
            {
                return c == '’' ? TokenKind.Word : TokenKind.Foreign;
            }
        }

        return CasePatterns.Of(word) switch
        {
            CasePattern.Upper => TokenKind.Acronym,
            CasePattern.Mixed => TokenKind.MixedCase,
            _ => TokenKind.Word,
        };
    }
}
