namespace NlpHost.Tasks.Cluster.Algorithms;

/// <summary>
/// Picks k from a hierarchy of partitions by mean silhouette on a fixed sample. Silhouette alone keeps rising as broad
/// topics split (on BBC news, 5 topics, it is highest at k = 27), so the rule is parsimonious: the <b>first peak</b>,
/// the smallest k whose score is a local maximum (at least its left neighbour's, above its right one's) and gets a
/// share of the way from the lowest score (at or below the best k) to the best. The share is what
/// <c>granularity</c> sets; it only keeps an early bump of a still-rising curve (20 Newsgroups at k = 2) from counting.
/// The elbow this replaces (the smallest k reaching the share, peak or not) stopped on the steep rise before the peak:
/// k = 3 for five summarization corpora, 4 for BBC News valid (plugins/Cluster/README.md, "What was tried").
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

    /// <summary>How far from the lowest towards the best score the chosen peak must reach (1: the best k).</summary>
    public static double Reach(ClusterGranularity granularity) => granularity switch
    {
        ClusterGranularity.Coarse => 0.35,
        ClusterGranularity.Medium => 0.5,
        _ => 1,
    };

    /// <summary>
    /// Picks k from levels refined and scored by <see cref="LevelScores"/>, by the first peak of their silhouettes
    /// (chosen on the development sets against elbows, the best silhouette, stability across subsamples and their products).
    /// </summary>
    public static Choice Choose(IReadOnlyList<KScore> scored, ClusterGranularity granularity)
    {
        var curve = scored.Select(s => s with { Score = s.Silhouette ?? 0 }).ToList();
        return FirstPeak(curve, granularity);
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

        return FirstPeak(curve, granularity) with { LabelsAt = labelsAt };
    }

    private static Choice FirstPeak(List<KScore> curve, ClusterGranularity granularity)
    {
        var best = curve.MaxBy(s => s.Score)!;
        var reach = Reach(granularity);
        if (reach >= 1)
        {
            return new Choice(best.K, best.Score, curve, "the k with the highest score");
        }

        var lowest = curve.TakeWhile(s => s.K <= best.K).Min(s => s.Score);
        var floor = lowest + (reach * (best.Score - lowest));
        var chosen = curve.Where((s, i) => IsPeak(curve, i) && s.Score >= floor - 1e-12).DefaultIfEmpty(best).First();
        var rule = $"the first peak (a local maximum of the score) that gets {reach:0.##} of the way from the lowest ({lowest:0.####}) to the best ({best.Score:0.####} at k = {best.K})";
        return new Choice(chosen.K, chosen.Score, curve, rule);
    }

    // A local maximum: no lower than the level before it, higher than the level after; the last level is a peak when it
    // rose to it, so a curve still rising at maxK ends on its top.
    private static bool IsPeak(List<KScore> curve, int i) =>
        (i == 0 || curve[i].Score >= curve[i - 1].Score) && (i == curve.Count - 1 || curve[i].Score > curve[i + 1].Score);
}
