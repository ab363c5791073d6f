namespace NlpHost.Tasks.Cluster.Algorithms;

/// <summary>
/// What every algorithm returns: a cluster per point (−1 for an outlier) and the unit centroids of the clusters,
/// in the space the points were clustered in.
/// </summary>
internal sealed record Partition(int[] Labels, float[][] Centroids)
{
    public const int Outlier = -1;

    /// <summary>The partition of <paramref name="labels"/> with each centroid the normalized mean of its members.</summary>
    public static Partition FromLabels(IReadOnlyList<float[]> points, int[] labels)
    {
        var k = labels.Length == 0 ? 0 : labels.Max() + 1;
        var sums = new float[k][];
        for (var c = 0; c < k; c++)
        {
            sums[c] = new float[points[0].Length];
        }

        var vectors = new DenseVectors(points);
        for (var i = 0; i < labels.Length; i++)
        {
            if (labels[i] >= 0)
            {
                vectors.AddTo(i, sums[labels[i]]);
            }
        }

        return new Partition(labels, [.. sums.Select(SphericalKMeans.Normalize)]);
    }

    public int K => Centroids.Length;

    /// <summary>
    /// Clusters below <paramref name="minSize"/> members dissolve into outliers; the rest are renumbered 0..m−1 by
    /// size, largest first (ties by the old number, so runs repeat).
    /// </summary>
    public Partition DissolveSmall(int minSize)
    {
        var sizes = new int[K];
        foreach (var label in Labels.Where(l => l >= 0))
        {
            sizes[label]++;
        }

        var kept = Enumerable.Range(0, K).Where(c => sizes[c] >= minSize && sizes[c] > 0).OrderByDescending(c => sizes[c]).ThenBy(c => c).ToArray();
        var renumber = Enumerable.Repeat(Outlier, K).ToArray();
        for (var i = 0; i < kept.Length; i++)
        {
            renumber[kept[i]] = i;
        }

        return new Partition(Array.ConvertAll(Labels, l => l < 0 ? Outlier : renumber[l]), [.. kept.Select(c => Centroids[c])]);
    }

    /// <summary>Every outlier joins the cluster of its most similar centroid.</summary>
    public Partition AssignOutliers(IReadOnlyList<float[]> points)
    {
        if (K == 0)
        {
            return this;
        }

        var labels = (int[])Labels.Clone();
        for (var i = 0; i < labels.Length; i++)
        {
            if (labels[i] == Outlier)
            {
                labels[i] = SphericalKMeans.Nearest(points[i], Centroids).Index;
            }
        }

        return this with { Labels = labels };
    }
}
