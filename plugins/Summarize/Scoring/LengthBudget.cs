namespace NlpHost.Tasks.Summarize.Scoring;

/// <summary>How long a summary may be: at most <see cref="Sentences"/> sentences and <see cref="Words"/> words.</summary>
internal readonly record struct LengthBudget(int Sentences, int Words)
{
    public const string Highlights = "highlights";
    public const string OneLine = "one-line";
    public const string Paragraph = "paragraph";
    public static readonly string[] Styles = [Highlights, OneLine, Paragraph];

    /// <summary>
    /// The job's length option (at most one is set), else its style's length; no option at all is <c>highlights</c>,
    /// or the configured <c>DefaultSentences</c> when that is set.
    /// </summary>
    public static LengthBudget From(SummarizeOptions options, int candidates, int? defaultSentences) => options switch
    {
        { Sentences: { } s } => new(s, int.MaxValue),
        { Words: { } w } => new(int.MaxValue, w),
        { Ratio: { } r } => new(Math.Max(1, (int)Math.Round(r * candidates, MidpointRounding.AwayFromZero)), int.MaxValue),
        { Style: OneLine } => new(1, int.MaxValue),
        { Style: Paragraph } => new(Math.Min(candidates, 2 * HighlightSentences(candidates)), int.MaxValue),
        { Style: Highlights } => new(HighlightSentences(candidates), int.MaxValue),
        _ => new(defaultSentences ?? HighlightSentences(candidates), int.MaxValue),
    };

    /// <summary>
    /// Sentences in a highlights summary of a document with <paramref name="candidates"/> sentences:
    /// round(A + B·ln n), clamped to [1, Max] and to n. A and B sit between two ROUGE fits on the news sources'
    /// training documents (training/summarize/fit_length.py): with BBC's extractive references 4 sentences for
    /// 20-60-sentence articles, on CNN/DM and XSum alone 2; the midpoint gives 3, the length LEAD-3 is judged at
    /// (plugin README, "Length").
    /// </summary>
    public static int HighlightSentences(int candidates) =>
        Math.Clamp((int)Math.Round(FitIntercept + FitSlope * Math.Log(Math.Max(candidates, 1)), MidpointRounding.AwayFromZero), 1, Math.Min(MaxHighlights, Math.Max(candidates, 1)));

    private const double FitIntercept = 2.1;
    private const double FitSlope = 0.3;
    private const int MaxHighlights = 6;
}
