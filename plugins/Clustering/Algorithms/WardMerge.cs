namespace NlpHost.Tasks.Clustering.Algorithms;

/// <summary>
/// Merges the clusters of an over-clustered partition two at a time by Ward's criterion (the pair whose merge adds
/// least to the within-cluster sum of squares, n_a·n_b/(n_a+n_b)·‖μ_a − μ_b‖²), so a broad topic split over
/// several micro-clusters comes back together before two distinct topics do. Works on the micro-clusters' sums
/// and counts only: O(m³·d) for m micro-clusters, independent of the number of documents.
/// </summary>
internal static class WardMerge
{
    /// <summary>
    /// For every number of clusters k from m down to 1, the cluster (0..k−1) of each micro-cluster:
    /// <c>levels[k][micro]</c>; <c>levels[0]</c> is empty.
    /// </summary>
    public static int[][] Levels(IReadOnlyList<float[]> sums, IReadOnlyList<int> counts)
    {
        var m = sums.Count;
        var dimension = m == 0 ? 0 : sums[0].Length;
        var clusterSums = sums.Select(s => Array.ConvertAll(s, x => (double)x)).ToList();
        var clusterCounts = counts.Select(c => (double)c).ToList();
        var groups = Enumerable.Range(0, m).Select(i => new List<int> { i }).ToList();
        var levels = new int[m + 1][];
        levels[0] = [];
        levels[m] = Labels(groups, m);
        for (var k = m - 1; k >= 1; k--)
        {
            var (a, b) = CheapestPair(clusterSums, clusterCounts, dimension);
            for (var j = 0; j < dimension; j++)
            {
                clusterSums[a][j] += clusterSums[b][j];
            }

            clusterCounts[a] += clusterCounts[b];
            groups[a].AddRange(groups[b]);
            clusterSums.RemoveAt(b);
            clusterCounts.RemoveAt(b);
            groups.RemoveAt(b);
            levels[k] = Labels(groups, m);
        }

        return levels;
    }

    private static (int A, int B) CheapestPair(List<double[]> sums, List<double> counts, int dimension)
    {
        var best = (A: 0, B: 1, Cost: double.PositiveInfinity);
        for (var a = 0; a < sums.Count; a++)
        {
            for (var b = a + 1; b < sums.Count; b++)
            {
                double squared = 0;
                for (var j = 0; j < dimension; j++)
                {
                    var d = (sums[a][j] / counts[a]) - (sums[b][j] / counts[b]);
                    squared += d * d;
                }

                var cost = Environment.GetEnvironmentVariable("LINKAGE") != "ward" ? Centroid(sums[a], sums[b]) : counts[a] * counts[b] / (counts[a] + counts[b]) * squared;
                if (cost < best.Cost)
                {
                    best = (a, b, cost);
                }
            }
        }

        return (best.A, best.B);
    }

    private static double Centroid(double[] a, double[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var j = 0; j < a.Length; j++)
        {
            dot += a[j] * b[j];
            na += a[j] * a[j];
            nb += b[j] * b[j];
        }

        return 1 - (dot / Math.Sqrt(na * nb));
    }

    private static int[] Labels(List<List<int>> groups, int m)
    {
        var labels = new int[m];
        for (var g = 0; g < groups.Count; g++)
        {
            foreach (var micro in groups[g])
            {
                labels[micro] = g;
            }
        }

        return labels;
    }
}
