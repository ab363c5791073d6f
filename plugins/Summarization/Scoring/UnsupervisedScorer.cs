namespace NlpHost.Tasks.Summarization.Scoring;

/// <summary>
/// Relevance without a trained head: LexRank centrality, a lead prior (news puts the gist first) and similarity to the
/// title, weighted by <see cref="SummarizerSettings"/> and scaled to [0, 1] within the document.
/// </summary>
internal static class UnsupervisedScorer
{
    public static double[] Score(double[] lexRank, float[]? titleSimilarity, SummarizerSettings settings)
    {
        var centrality = MinMax(lexRank);
        var scores = new double[lexRank.Length];
        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] = settings.CentralityWeight * centrality[i]
                + settings.PositionWeight / Math.Sqrt(1 + i)
                + (titleSimilarity is null ? 0 : settings.TitleWeight * titleSimilarity[i]);
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
