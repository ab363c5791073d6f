namespace NlpHost.Tasks.Cluster.Algorithms;

/// <summary>
/// Merges the clusters of an over-clustered partition two at a time, the pair whose centroids are closest in cosine
/// first (BERTopic's topic reduction merges topics the same way), so a broad topic split over several micro-clusters
/// comes back together before two distinct topics do. Ward's criterion was tried too: on the README sample it put
/// the tennis text with the technology texts. Works on the micro-clusters' sums only: O(m³·d) for m micro-clusters,
/// independent of the number of documents.
/// </summary>
internal static class CentroidMerge
{
    /// <summary>
    /// For every number of clusters k from m down to 1, the cluster (0..k−1) of each micro-cluster:
    /// <c>levels[k][micro]</c>; <c>levels[0]</c> is empty. <paramref name="mergeDistances"/>[k] is the cosine distance
    /// of the pair merged to go from k to k − 1.
    /// </summary>
    public static int[][] Levels(IReadOnlyList<float[]> sums, out double[] mergeDistances)
    {
        var m = sums.Count;
        var clusterSums = sums.Select(s => Array.ConvertAll(s, x => (double)x)).ToList();
        var groups = Enumerable.Range(0, m).Select(i => new List<int> { i }).ToList();
        var levels = new int[m + 1][];
        levels[0] = [];
        levels[m] = Labels(groups, m);
        mergeDistances = new double[m + 1];
        for (var k = m - 1; k >= 1; k--)
        {
            var (a, b, distance) = ClosestPair(clusterSums);
            mergeDistances[k + 1] = distance;
            for (var j = 0; j < clusterSums[a].Length; j++)
            {
                clusterSums[a][j] += clusterSums[b][j];
            }

            groups[a].AddRange(groups[b]);
            clusterSums.RemoveAt(b);
            groups.RemoveAt(b);
            levels[k] = Labels(groups, m);
        }

        return levels;
    }

    private static (int A, int B, double Distance) ClosestPair(List<double[]> sums)
    {
        var best = (A: 0, B: 1, Distance: double.PositiveInfinity);
        for (var a = 0; a < sums.Count; a++)
        {
            for (var b = a + 1; b < sums.Count; b++)
            {
                var distance = CosineDistance(sums[a], sums[b]);
                if (distance < best.Distance)
                {
                    best = (a, b, distance);
                }
            }
        }

        return best;
    }

    // The sum of a cluster's unit vectors points where its mean does: no need to divide by the count.
    private static double CosineDistance(double[] a, double[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var j = 0; j < a.Length; j++)
        {
            dot += a[j] * b[j];
            na += a[j] * a[j];
            nb += b[j] * b[j];
        }

        return na == 0 || nb == 0 ? 1 : 1 - (dot / Math.Sqrt(na * nb));
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
