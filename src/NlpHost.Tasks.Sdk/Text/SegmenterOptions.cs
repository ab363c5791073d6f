namespace NlpHost.Tasks.Sdk.Text;

/// <summary>How <see cref="SentenceSegmenter"/> treats line breaks and long runs.</summary>
public sealed record SegmenterOptions
{
    /// <summary>Longest segment kept whole, by default; longer runs without punctuation are cut at a space.</summary>
    public const int DefaultMaxChars = 1500;

    /// <summary>Prose: a single line break inside a paragraph is a space (summarization).</summary>
    public static SegmenterOptions Prose { get; } = new();

    /// <summary>
    /// Line by line: every line break ends a sentence, so a text's line structure survives, and no sentence is cut for
    /// length (translation: a sentence beyond the encoder's maximum is truncated there, with a warning).
    /// </summary>
    public static SegmenterOptions Lines { get; } = new() { EveryLineEnds = true, MaxChars = int.MaxValue };

    /// <summary>Every line break ends a sentence; otherwise only blank lines and list items do.</summary>
    public bool EveryLineEnds { get; init; }

    /// <summary>Longest segment kept whole; longer runs without punctuation are cut at a space so no "sentence" is a whole book.</summary>
    public int MaxChars { get; init; } = DefaultMaxChars;
}
