namespace NlpHost.Tasks.Translation;

/// <summary>Text to translate: a sentence or a document.</summary>
public sealed record TranslateInput(string Text);

/// <summary>Per-job options of <c>translate</c>.</summary>
public sealed record TranslateOptions
{
    /// <summary>Source language (a configured pair).</summary>
    public string Source { get; init; } = "en";

    /// <summary>Target language (a configured pair).</summary>
    public string Target { get; init; } = "es";

    /// <summary>Beam width; 1 is greedy.</summary>
    public int BeamSize { get; init; } = 4;
}

/// <summary>One translated sentence and the source span it came from.</summary>
public sealed record TranslatedSentence(string Translation, int SourceStart, int SourceLength);

/// <summary>The translation and its sentence alignment.</summary>
public sealed record TranslateOutput(string Translation, IReadOnlyList<TranslatedSentence> Sentences);
