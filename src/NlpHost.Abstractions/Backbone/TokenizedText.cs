namespace NlpHost.Abstractions.Backbone;

/// <summary>Word pieces of a text and where each came from.</summary>
/// <param name="Ids">Vocabulary ids.</param>
/// <param name="Spans">Character span of each piece in the original text (same length as <paramref name="Ids"/>).</param>
public sealed record TokenizedText(int[] Ids, TextSpan[] Spans)
{
    /// <summary>Number of pieces.</summary>
    public int Count => Ids.Length;
}

/// <summary>A range of characters in a text.</summary>
/// <param name="Start">Index of the first character.</param>
/// <param name="Length">Number of characters.</param>
public readonly record struct TextSpan(int Start, int Length)
{
    /// <summary>Index one past the last character.</summary>
    public int End => Start + Length;
}
