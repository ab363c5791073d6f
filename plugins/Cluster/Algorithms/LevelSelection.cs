namespace NlpHost.Tasks.Cluster.Algorithms;

/// <summary>
/// Picks k from a hierarchy of partitions by mean silhouette on a fixed sample. Silhouette alone keeps rising as broad
/// topics split (on BBC news, 5 topics, it is highest at k = 28), so the rule is parsimonious, an elbow: the smallest k
/// whose score gets a share of the way from the lowest score (at or below the best k) to the best; the share is what
/// <c>granularity</c> sets.
/// </summary>
internal static class LevelSelection
{
    private const int SilhouetteSample = 1000;

    public sealed record Choice(int K, double Score, IReadOnlyList<KScore> Curve, string Rule)
    {
        /// <summary>The labels of every level, for the evaluator's per-k diagnostics.</summary>
        public Func<int, int[]>? LabelsAt { get; init; }

        /// <summary>Merge distance at each level (the closest pair at k), when the hierarchy has them.</summary>
        public double[]? MergeDistances { get; init; }
    }

    /// <summary>How far from the lowest towards the best score the chosen k must reach.</summary>
    public static double Reach(ClusterGranularity granularity) => granularity switch
    {
        ClusterGranularity.Coarse => 0.35,
        ClusterGranularity.Medium => 0.5,
        _ => 1,
    };

    /// <summary>
    /// Picks k from levels refined and scored by <see cref="LevelScores"/>, by the same elbow on their silhouettes
    /// (chosen on the development sets against the best silhouette, stability across subsamples and their products).
    /// </summary>
    public static Choice Choose(IReadOnlyList<KScore> scored, ClusterGranularity granularity)
    {
        var curve = scored.Select(s => s with { Score = s.Silhouette ?? 0 }).ToList();
        return Elbow(curve, granularity);
    }

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

        return Elbow(curve, granularity) with { LabelsAt = labelsAt };
    }

    private static Choice Elbow(List<KScore> curve, ClusterGranularity granularity)
    {
        var best = curve.MaxBy(s => s.Score)!;
        var lowest = curve.TakeWhile(s => s.K <= best.K).Min(s => s.Score);
        var reach = Reach(granularity);
        var floor = lowest + (reach * (best.Score - lowest));
        var chosen = curve.First(s => s.Score >= floor - 1e-12);
        var rule = reach >= 1
            ? "the k with the highest score"
            : $"the smallest k whose score gets {reach:0.##} of the way from the lowest ({lowest:0.####}) to the best ({best.Score:0.####} at k = {best.K})";
        return new Choice(chosen.K, chosen.Score, curve, rule);
    }
}
