namespace NlpHost.Tasks.Summarization.Scoring;

/// <summary>How long a summary may be: at most <see cref="Sentences"/> sentences and <see cref="Words"/> words.</summary>
internal readonly record struct LengthBudget(int Sentences, int Words)
{
    /// <summary>The job's length option (at most one is set), or the configured default number of sentences.</summary>
    public static LengthBudget From(SummarizeOptions options, int candidates, int defaultSentences) => options switch
    {
        { Sentences: { } s } => new(s, int.MaxValue),
        { Words: { } w } => new(int.MaxValue, w),
        { Ratio: { } r } => new(Math.Max(1, (int)Math.Round(r * candidates, MidpointRounding.AwayFromZero)), int.MaxValue),
        _ => new(defaultSentences, int.MaxValue),
    };
}
