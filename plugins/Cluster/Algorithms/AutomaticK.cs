namespace NlpHost.Tasks.Cluster.Algorithms;

/// <summary>
/// k-means without k: over-cluster into m micro-clusters (m = 2·maxK, or one per distinct point when fewer),
/// merge them by centroid cosine into a hierarchy (as BERTopic's topic reduction merges close topics), choose the
/// level by <see cref="LevelSelection"/>, then refine that level with k-means from its merged centroids.
/// </summary>
internal static class AutomaticK
{
    public sealed record Result(Partition Partition, LevelSelection.Choice Choice);

    public static Result Fit(IReadOnlyList<float[]> points, int distinct, int maxK, ClusterGranularity granularity, Random random, CancellationToken cancellationToken)
    {
        if (maxK < 2 || distinct < 3)
        {
            var single = new Partition(new int[points.Count], [SphericalKMeans.Normalize(Sum(points, new int[points.Count], 1)[0])]);
            return new Result(single, new LevelSelection.Choice(1, 0, [], "fewer than three distinct documents"));
        }

        var m = Math.Min(distinct, 2 * maxK);
        var micro = SphericalKMeans.Fit(points, m, random, restarts: 1, cancellationToken: cancellationToken);
        var levels = CentroidMerge.Levels(Sum(points, micro.Labels, m), out var distances);
        int[] MergedAt(int k) => Array.ConvertAll(micro.Labels, l => levels[k][l]);
        var scores = LevelScores.Compute(points, MergedAt, Math.Min(maxK, m), random, cancellationToken);
        var choice = LevelSelection.Choose(scores.Curve, granularity) with { LabelsAt = scores.LabelsAt, MergeDistances = distances };
        var refined = SphericalKMeans.Refine(new DenseVectors(points), scores.CentroidsAt(choice.K), random, cancellationToken: cancellationToken);
        return new Result(refined.ToPartition(), choice);
    }

    private static float[][] Sum(IReadOnlyList<float[]> points, int[] labels, int k)
    {
        var sums = Enumerable.Range(0, k).Select(_ => new float[points[0].Length]).ToArray();
        var vectors = new DenseVectors(points);
        for (var i = 0; i < points.Count; i++)
        {
            vectors.AddTo(i, sums[labels[i]]);
        }

        return sums;
    }
}
