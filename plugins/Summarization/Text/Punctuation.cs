namespace NlpHost.Tasks.Summarization.Text;

/// <summary>The characters sentence segmentation looks at.</summary>
internal static class Punctuation
{
    public static bool IsTerminal(char c) => c is '.' or '!' or '?' or '\u2026';

    // Scripts that end sentences without a following space: CJK full stops and marks, Devanagari danda, Arabic question mark.
    public static bool IsFullWidthTerminal(char c) => c is '\u3002' or '\uff01' or '\uff1f' or '\u0964' or '\u061f';

    public static bool IsCloser(char c) => c is '"' or '\'' or ')' or ']' or '}' or '\u201d' or '\u2019' or '\u00bb' or '\u300d' or '\u300f' or '\uff09';
}
