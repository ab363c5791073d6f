using System.Globalization;
using System.Text;

namespace NlpHost.Tasks.Qa.Runtime;

/// <summary>
/// Where an answer may start or end: never between two characters of one word of the original text, so a span
/// cannot come out as "Lind" of "Lindqvist" (word pieces split words; the text says where words are). Letters,
/// digits and combining marks join into words; CJK ideographs are words on their own, as the tokenizer treats them.
/// </summary>
internal static class WordBoundaries
{
    /// <summary>True when <paramref name="position"/> (a character index, 0 … length) falls inside a word.</summary>
    public static bool IsInsideWord(string text, int position)
    {
        if (position <= 0 || position >= text.Length)
        {
            return false;
        }

        var before = position - 1;
        if (char.IsLowSurrogate(text[before]) && before > 0)
        {
            before--;
        }

        return IsWordCharacter(text, before) && IsWordCharacter(text, position);
    }

    private static bool IsWordCharacter(string text, int index)
    {
        if (!Rune.TryGetRuneAt(text, index, out var rune) || IsIdeograph(rune.Value))
        {
            return false;
        }

        return Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.DecimalDigitNumber
                or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber or UnicodeCategory.NonSpacingMark
                or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark => true,
            _ => false,
        };
    }

    // The ranges BERT's basic tokenizer splits into single characters (_is_chinese_char).
    private static bool IsIdeograph(int c) =>
        c is (>= 0x4E00 and <= 0x9FFF) or (>= 0x3400 and <= 0x4DBF) or (>= 0x20000 and <= 0x2A6DF) or (>= 0x2A700 and <= 0x2B73F)
            or (>= 0x2B740 and <= 0x2B81F) or (>= 0x2B820 and <= 0x2CEAF) or (>= 0xF900 and <= 0xFAFF) or (>= 0x2F800 and <= 0x2FA1F);
}
