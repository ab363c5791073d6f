namespace NlpHost.Tasks.Summarize.Scoring;

/// <summary>
/// Relevance without a trained head: LexRank centrality (embeddings), TextRank centrality (words), a lead prior (news puts the gist first), similarity to the
/// title and a preference for longer (more informative) sentences, weighted by <see cref="SummarizeSettings"/> and
/// scaled to [0, 1] within the document.
/// </summary>
internal static class UnsupervisedScorer
{
    // Beyond this many words a sentence earns no more length credit.
    private const double LongSentenceWords = 40;

    public static double[] Score(DocumentAnalysis analysis, SummarizeSettings settings)
    {
        var (titleSimilarity, words) = (analysis.TitleSimilarity, analysis.Words());
        var centrality = MinMax(analysis.LexRank);
        var wordCentrality = MinMax(analysis.TextRank);
        var scores = new double[centrality.Length];
        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] = settings.CentralityWeight * centrality[i]
                + settings.WordCentralityWeight * wordCentrality[i]
                + settings.PositionWeight / Math.Sqrt(1 + i)
                + (titleSimilarity is null ? 0 : settings.TitleWeight * titleSimilarity[i])
                + settings.LengthWeight * Math.Min(words[i], LongSentenceWords) / LongSentenceWords;
        }

        return MinMax(scores);
    }

    public static double[] MinMax(IReadOnlyList<double> values)
    {
        var min = values.Min();
        var range = values.Max() - min;
        return [.. values.Select(v => range > 1e-12 ? (v - min) / range : 1.0)];
    }
}
