namespace NlpHost.Tasks.Clustering.Algorithms;

/// <summary>
/// Picks k from a hierarchy of partitions by mean silhouette on a fixed sample. Silhouette alone rewards splitting a
/// broad topic whenever its halves are a little tighter, so the rule is parsimonious: the smallest k whose score is
/// within a tolerance of the best (one-standard-error style); the tolerance is what <c>granularity</c> sets.
/// </summary>
internal static class LevelSelection
{
    private const int SilhouetteSample = 1000;

    public sealed record Choice(int K, double Score, IReadOnlyList<KScore> Curve, string Rule);

    public static double Tolerance(ClusterGranularity granularity) => granularity switch
    {
        ClusterGranularity.Coarse => 0.10,
        ClusterGranularity.Medium => 0.05,
        _ => 0,
    };

    /// <summary>Scores k = 2..<paramref name="maxK"/>, where <paramref name="labelsAt"/> gives the labels of all points at k.</summary>
    public static Choice Choose(IReadOnlyList<float[]> points, Func<int, int[]> labelsAt, int maxK, ClusterGranularity granularity, Random random, CancellationToken cancellationToken)
    {
        var silhouette = new Silhouette(points, Math.Min(SilhouetteSample, points.Count), random);
        var curve = new List<KScore>();
        for (var k = 2; k <= maxK; k++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            curve.Add(new KScore(k, silhouette.Score(labelsAt(k), k)));
        }

        var best = curve.MaxBy(s => s.Score)!;
        var tolerance = Tolerance(granularity);
        var floor = best.Score - (tolerance * Math.Abs(best.Score));
        var chosen = curve.First(s => s.Score >= floor);
        var rule = tolerance == 0
            ? "the k with the highest score"
            : $"the smallest k scoring at least {1 - tolerance:0.##} of the best ({best.Score:0.####} at k = {best.K})";
        return new Choice(chosen.K, chosen.Score, curve, rule);
    }
}
