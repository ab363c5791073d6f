namespace NlpHost.Tasks.Sdk.Text;

/// <summary>A sentence of a document: where it is in the original text and what kind of segment it is.</summary>
/// <param name="Start">Index of its first character in the original text.</param>
/// <param name="Length">Number of characters (no surrounding whitespace).</param>
/// <param name="Paragraph">0-based paragraph (blank-line separated) it belongs to.</param>
/// <param name="IsHeading">A short line without final punctuation on its own (a title or section heading).</param>
public readonly record struct Sentence(int Start, int Length, int Paragraph, bool IsHeading)
{
    public int End => Start + Length;

    public string Of(string text) => text.Substring(Start, Length);
}
