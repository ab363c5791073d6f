namespace NlpHost.Inference.Tokenization;

/// <summary>
/// BERT's basic normalization (clean control characters, whitespace to spaces, spaces around CJK ideographs,
/// lowercase and strip accents) that remembers where every output character came from, so word pieces can be
/// mapped back to the original text. Microsoft.ML.Tokenizers reports offsets into its normalized text only.
/// </summary>
internal static class TextNormalizer
{
    /// <summary>Normalizes <paramref name="text"/>; <c>Starts[i]</c>/<c>Ends[i]</c> bound the original characters behind output char i.</summary>
    public static NormalizedText Normalize(string text, bool lowerCase)
    {
        var chars = new char[text.Length * 3];
        var starts = new int[chars.Length];
        var ends = new int[chars.Length];
        var count = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var width = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
            if (width == 2)
            {
                var codePoint = char.ConvertToUtf32(c, text[i + 1]);
                var cjk = IsCjk(codePoint);
                if (cjk)
                {
                    Append(' ', i, i + 2);
                }

                Append(c, i, i + 2);
                Append(text[i + 1], i, i + 2);
                if (cjk)
                {
                    Append(' ', i, i + 2);
                }

                i++;
                continue;
            }

            if (c == '\0' || c == '\uFFFD')
            {
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                Append(' ', i, i + 1);
                continue;
            }

            var category = char.GetUnicodeCategory(c);
            if (category is System.Globalization.UnicodeCategory.Control or System.Globalization.UnicodeCategory.Format)
            {
                continue;
            }

            if (lowerCase)
            {
                if (category == System.Globalization.UnicodeCategory.NonSpacingMark)
                {
                    continue;
                }

                c = AccentTable.StripAccent(char.ToLowerInvariant(c));
            }

            if (IsCjk(c))
            {
                Append(' ', i, i + 1);
                Append(c, i, i + 1);
                Append(' ', i, i + 1);
            }
            else
            {
                Append(c, i, i + 1);
            }
        }

        return new NormalizedText(new string(chars, 0, count), starts, ends);

        void Append(char value, int start, int end)
        {
            chars[count] = value;
            starts[count] = start;
            ends[count] = end;
            count++;
        }
    }

    private static bool IsCjk(int codePoint) =>
        codePoint is (>= 0x4E00 and <= 0x9FFF) or (>= 0x3400 and <= 0x4DBF) or (>= 0x20000 and <= 0x2A6DF)
            or (>= 0x2A700 and <= 0x2B73F) or (>= 0x2B740 and <= 0x2B81F) or (>= 0x2B820 and <= 0x2CEAF)
            or (>= 0xF900 and <= 0xFAFF) or (>= 0x2F800 and <= 0x2FA1F);
}

/// <summary>Normalized text and, per character, the original span it came from.</summary>
internal readonly record struct NormalizedText(string Text, int[] Starts, int[] Ends);
