namespace NlpHost.Tasks.Sdk.Text;

/// <summary>Word-level helpers for segmentation and length budgets.</summary>
public static class Word
{
    /// <summary>The word ending just before <paramref name="end"/> (letters, digits, inner periods), without leading quotes or brackets.</summary>
    public static string Before(string text, int end, int floor)
    {
        var start = end;
        while (start > floor && (char.IsLetterOrDigit(text[start - 1]) || text[start - 1] is '.' or '-' or '&'))
        {
            start--;
        }

        while (start < end && !char.IsLetterOrDigit(text[start]))
        {
            start++;
        }

        return text[start..end];
    }

    /// <summary>Index of the first letter or digit at or after <paramref name="start"/>, skipping spaces, opening quotes and inverted marks; <paramref name="end"/> if none.</summary>
    public static int FirstAfter(string text, int start, int end)
    {
        var i = start;
        while (i < end && (char.IsWhiteSpace(text[i]) || Punctuation.IsOpener(text[i])))
        {
            i++;
        }

        return i;
    }

    /// <summary>The word starting at <paramref name="start"/> (letters and digits only).</summary>
    public static ReadOnlySpan<char> At(string text, int start, int end)
    {
        var stop = start;
        while (stop < end && char.IsLetterOrDigit(text[stop]))
        {
            stop++;
        }

        return text.AsSpan(start, stop - start);
    }

    /// <summary>Whitespace-separated words.</summary>
    public static int Count(ReadOnlySpan<char> text)
    {
        var count = 0;
        var inWord = false;
        foreach (var c in text)
        {
            var space = char.IsWhiteSpace(c);
            if (!space && !inWord)
            {
                count++;
            }

            inWord = !space;
        }

        return count;
    }
}
