namespace NlpHost.Tasks.Sdk.Text;

/// <summary>
/// Rule-based sentence segmentation with offsets into the original text. Blank lines end paragraphs, list items
/// start new segments, and a period ends a sentence unless it belongs to an abbreviation, an initial, a number or a
/// domain. In cased text a following lower-case word also keeps the sentence going; in lower-cased text (such as the
/// BBC data set) that signal is absent, so only the rules above decide. With <see cref="SegmenterOptions.Lines"/> every
/// line break ends a sentence too (translation keeps a text's lines). Between two sentences there is only whitespace or
/// text without letters or digits, so a caller can reassemble the text around them.
/// </summary>
public static class SentenceSegmenter
{
    private const int HeadingMaxWords = 20;

    /// <summary>The sentences of <paramref name="text"/> with their offsets, in order.</summary>
    /// <param name="text">The document.</param>
    /// <param name="options">How line breaks and long runs are treated; <see cref="SegmenterOptions.Prose"/> when null.</param>
    public static List<Sentence> Split(string text, SegmenterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        options ??= SegmenterOptions.Prose;
        var maxChars = options.MaxChars;
        ArgumentOutOfRangeException.ThrowIfLessThan(maxChars, 2, nameof(options.MaxChars));
        var cased = text.Any(char.IsUpper);
        var sentences = new List<Sentence>();
        foreach (var block in TextBlocks.Read(text, options.EveryLineEnds))
        {
            var first = sentences.Count;
            var start = block.Start;
            for (var i = block.Start; i < block.End; i++)
            {
                if (BoundaryAfter(text, i, block, cased) is { } end)
                {
                    Emit(text, start, end, block.Paragraph, maxChars, sentences);
                    start = end;
                    i = end - 1;
                }
            }

            Emit(text, start, block.End, block.Paragraph, maxChars, sentences);
            if (block.WholeParagraph && sentences.Count == first + 1 && LooksLikeHeading(text, sentences[first]))
            {
                sentences[first] = sentences[first] with { IsHeading = true };
            }
        }

        return sentences;
    }

    // Returns where the sentence ends (exclusive) when text[i] closes one, else null.
    private static int? BoundaryAfter(string text, int i, TextBlocks.Block block, bool cased)
    {
        var c = text[i];
        if (Punctuation.IsFullWidthTerminal(c))
        {
            return SkipClosers(text, i + 1, block.End);
        }

        if (!Punctuation.IsTerminal(c) || (i > block.Start && Punctuation.IsTerminal(text[i - 1])))
        {
            return null;
        }

        var run = i + 1;
        while (run < block.End && Punctuation.IsTerminal(text[run]))
        {
            run++;
        }

        var end = SkipClosers(text, run, block.End);
        if (end >= block.End)
        {
            return null; // the block's end closes it anyway
        }

        var singlePeriod = c == '.' && run == i + 1;
        if (!char.IsWhiteSpace(text[end]))
        {
            // "said.The": sentences glued without a space (common in scraped text), never "2.5", "amazon.com" or "U.S.".
            return singlePeriod && end == run && char.IsUpper(text[end]) && IsPlainWord(Word.Before(text, i, block.Start)) ? end : null;
        }

        var next = Word.FirstAfter(text, end, block.End);
        var nextIsLower = next < block.End && char.IsLower(text[next]);
        if (cased && nextIsLower)
        {
            return null;
        }

        return !singlePeriod || PeriodEnds(text, i, block.Start, Word.At(text, next, block.End), cased) ? end : null;
    }

    private static bool PeriodEnds(string text, int period, int blockStart, ReadOnlySpan<char> nextWord, bool cased)
    {
        var word = Word.Before(text, period, blockStart);
        var next = nextWord.IsEmpty ? '\0' : nextWord[0];
        if (word.Length == 0)
        {
            return true;
        }

        if (Abbreviations.NeverFinal.Contains(word) || (Abbreviations.BeforeNumber.Contains(word) && char.IsDigit(next)))
        {
            return false;
        }

        if (word.All(char.IsDigit) && word.Length <= 2 && Abbreviations.Months.GetAlternateLookup<ReadOnlySpan<char>>().Contains(nextWord))
        {
            return false; // a German ordinal date: "am 3. Oktober"
        }

        if (Abbreviations.UsuallyFinal.Contains(word))
        {
            return !cased || char.IsUpper(next);
        }

        var wordStart = period - word.Length;
        if (word.Length == 1 && char.IsLetter(word[0]) && (wordStart == blockStart || !char.IsPunctuation(text[wordStart - 1]) || text[wordStart - 1] is '(' or '"'))
        {
            return false; // an initial: "J. K. Rowling"
        }

        if (word.All(char.IsDigit) && text.AsSpan(blockStart, wordStart - blockStart).IsWhiteSpace())
        {
            return false; // a list number: "1. First item"
        }

        if (Abbreviations.MaybeFinal.Contains(word) || word.Contains('.', StringComparison.Ordinal))
        {
            // "the U.S. Food and Drug Administration" goes on; "moved to the U.S. He said" ends.
            return cased && char.IsUpper(next) && Abbreviations.SentenceStarters.GetAlternateLookup<ReadOnlySpan<char>>().Contains(nextWord);
        }

        return true;
    }

    private static bool IsPlainWord(string word) =>
        word.Length >= 2 && word.All(char.IsLower) && !Abbreviations.NeverFinal.Contains(word) && !Abbreviations.MaybeFinal.Contains(word);

    private static int SkipClosers(string text, int i, int end)
    {
        while (i < end && Punctuation.IsCloser(text[i]))
        {
            i++;
        }

        return i;
    }

    private static void Emit(string text, int start, int end, int paragraph, int maxChars, List<Sentence> sentences)
    {
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        while (end - start > maxChars)
        {
            var cut = Cut(text, start, start + maxChars);
            Emit(text, start, cut, paragraph, maxChars, sentences);
            start = cut;
            while (start < end && char.IsWhiteSpace(text[start]))
            {
                start++;
            }
        }

        if (HasContent(text, start, end))
        {
            sentences.Add(new Sentence(start, end - start, paragraph, IsHeading: false));
        }
    }

    // The last space before the limit, else the limit itself (never inside a surrogate pair).
    private static int Cut(string text, int start, int limit)
    {
        var space = text.LastIndexOf(' ', limit - 1, limit - start - 1);
        if (space > start + (limit - start) / 2)
        {
            return space;
        }

        return char.IsLowSurrogate(text[limit]) ? limit - 1 : limit;
    }

    private static bool HasContent(string text, int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            if (char.IsLetterOrDigit(text[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool LooksLikeHeading(string text, Sentence sentence)
    {
        var last = text[sentence.End - 1];
        return !Punctuation.IsTerminal(last) && !Punctuation.IsFullWidthTerminal(last) && last is not (':' or ';' or ',')
            && !text.AsSpan(sentence.Start, sentence.Length).Contains('\n')
            && Word.Count(text.AsSpan(sentence.Start, sentence.Length)) <= HeadingMaxWords;
    }
}
