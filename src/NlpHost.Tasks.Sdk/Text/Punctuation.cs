namespace NlpHost.Tasks.Sdk.Text;

/// <summary>The characters sentence segmentation looks at.</summary>
internal static class Punctuation
{
    public static bool IsTerminal(char c) => c is '.' or '!' or '?' or '\u2026';

    // Marks that end sentences without needing a following space: CJK full stops and marks (and the half-width
    // ideographic stop), Devanagari single and double danda, Arabic question mark and full stop, Armenian full stop,
    // Ethiopic full stop, Myanmar section mark, Khmer sign khan.
    public static bool IsFullWidthTerminal(char c) =>
        c is '\u3002' or '\uff01' or '\uff1f' or '\uff61' or '\u0964' or '\u0965' or '\u061f' or '\u06d4' or '\u0589' or '\u1362' or '\u104b' or '\u17d4';

    // Closing quotes of English ("”", "’"), German ("“" closes „…“) and French/German guillemets, and brackets.
    public static bool IsCloser(char c) =>
        c is '"' or '\'' or ')' or ']' or '}' or '\u201d' or '\u2019' or '\u201c' or '\u00bb' or '\u00ab' or '\u203a' or '\u300d' or '\u300f' or '\uff09';

    // What may open a sentence before its first word: quotes, brackets, Spanish inverted marks.
    public static bool IsOpener(char c) => c is '"' or '\'' or '(' or '[' or '\u201c' or '\u2018' or '\u201e' or '\u00ab' or '\u00bb' or '\u00bf' or '\u00a1';
}
