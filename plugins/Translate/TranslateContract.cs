namespace NlpHost.Tasks.Translate;

/// <summary>Text to translate: a sentence or a document.</summary>
public sealed record TranslateInput(string Text);

/// <summary>Per-job options of <c>translate</c>.</summary>
public sealed record TranslateOptions
{
    /// <summary>Source language (a configured pair).</summary>
    public string Source { get; init; } = "en";

    /// <summary>Target language (a configured pair).</summary>
    public string Target { get; init; } = "es";

    /// <summary>Beam width; 1 is greedy; unset uses <c>Plugins:translate:BeamSize</c>.</summary>
    public int? BeamSize { get; init; }

    /// <summary>Most tokens generated per sentence; unset uses <c>Plugins:translate:MaxLength</c>.</summary>
    public int? MaxLength { get; init; }

    /// <summary>Keep figures, URLs, e-mail addresses and inline code exactly as written (default); false translates them like words.</summary>
    public bool Protect { get; init; } = true;
}

/// <summary>One translated sentence and the source span it came from.</summary>
/// <param name="Translation">The sentence's translation.</param>
/// <param name="SourceStart">First character of the source sentence in the input text.</param>
/// <param name="SourceLength">Characters of the source sentence.</param>
public sealed record TranslatedSentence(string Translation, int SourceStart, int SourceLength)
{
    /// <summary>The source was longer than the encoder takes: only its beginning was translated.</summary>
    public bool Truncated { get; init; }

    /// <summary>What went wrong with this sentence, for humans (e.g. the truncation); absent when nothing did.</summary>
    public string? Warning { get; init; }

    /// <summary>How sure the model was, 0..1: the geometric mean of its step probabilities.</summary>
    public double Confidence { get; init; }

    /// <summary>Confidence below <c>Plugins:translate:LowConfidence</c>: check this sentence.</summary>
    public bool LowConfidence { get; init; }
}

/// <summary>The translation and its sentence alignment.</summary>
/// <param name="Translation">The whole text translated, paragraph and line breaks kept.</param>
/// <param name="Sentences">Each sentence's translation and source span, in order.</param>
public sealed record TranslateOutput(string Translation, IReadOnlyList<TranslatedSentence> Sentences);
