namespace NlpHost.Tasks.Summarize;

/// <summary>A document to summarize.</summary>
public sealed record SummarizeInput(string Text, string? Title = null);

/// <summary>Per-job options of <c>summarize</c>: give at most one of a length or a style.</summary>
public sealed record SummarizeOptions
{
    /// <summary><c>highlights</c> (the default: a few sentences, more for longer documents), <c>one-line</c> (the single best sentence) or <c>paragraph</c> (about twice highlights).</summary>
    public string? Style { get; init; }

    /// <summary>Summary length in sentences.</summary>
    public int? Sentences { get; init; }

    /// <summary>Summary length in words.</summary>
    public int? Words { get; init; }

    /// <summary>Summary length as a fraction of the document's sentences.</summary>
    public double? Ratio { get; init; }
}

/// <summary>A chosen sentence and where it is in the original text.</summary>
public sealed record SummarySentence(string Text, int Start, int Length, double Score);

/// <summary>The summary and its sentences, in document order.</summary>
public sealed record SummarizeOutput(string Summary, IReadOnlyList<SummarySentence> Sentences)
{
    /// <summary><c>salience-head</c> when the trained head scored the sentences, else <c>unsupervised</c>.</summary>
    public string? Scorer { get; init; }

    /// <summary>Sentences found in the document (headings not counted).</summary>
    public int? SentencesInDocument { get; init; }

    /// <summary>Sentences scored: all of them, or a sample for very long documents (<c>Plugins:summarize:MaxSentences</c>).</summary>
    public int? SentencesScored { get; init; }

    /// <summary>The document's language as guessed from its script and function words (ISO 639-1, or <c>und</c>).</summary>
    public string? Language { get; init; }

    /// <summary>Set when the summary is less trustworthy than usual, saying why (for instance: not English).</summary>
    public string? Note { get; init; }
}
