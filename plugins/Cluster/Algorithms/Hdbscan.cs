namespace NlpHost.Tasks.Cluster.Algorithms;

/// <summary>
/// HDBSCAN (Campello, Moulavi and Sander 2013; McInnes and Healy 2017) on Euclidean points, exact: core distances,
/// the minimum spanning tree of mutual reachability (Prim's algorithm, O(n²) time, O(n) memory), the single-linkage
/// tree, the condensed tree at <c>minClusterSize</c>, and excess-of-mass selection. Points in no selected cluster are
/// noise (−1). As in scikit-learn, a point counts among its own <c>minSamples</c> neighbours, and the root is never
/// selected while it splits; when it never splits all points form one cluster.
/// </summary>
internal static class Hdbscan
{
    /// <summary>Labels (−1 noise) and the stability of each selected cluster, by label.</summary>
    public sealed record Result(int[] Labels, double[] Stabilities);

    public static Result Fit(IReadOnlyList<float[]> points, int minClusterSize, int minSamples, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minClusterSize, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(minSamples, 1);
        var n = points.Count;
        if (n < minClusterSize)
        {
            return new Result(Enumerable.Repeat(Partition.Outlier, n).ToArray(), []);
        }

        var core = CoreDistances(points, minSamples, cancellationToken);
        var edges = MinimumSpanningTree(points, core, cancellationToken);
        var tree = SingleLinkageTree.Build(n, edges);
        var condensed = CondensedTree.Build(tree, n, minClusterSize);
        return condensed.SelectByExcessOfMass(n);
    }

    internal static double Distance(float[] a, float[] b)
    {
        double sum = 0;
        for (var j = 0; j < a.Length; j++)
        {
            var d = a[j] - b[j];
            sum += d * d;
        }

        return Math.Sqrt(sum);
    }

    /// <summary>Distance of each point to its <paramref name="minSamples"/>-th nearest point, itself included.</summary>
    internal static double[] CoreDistances(IReadOnlyList<float[]> points, int minSamples, CancellationToken cancellationToken)
    {
        var n = points.Count;
        var k = Math.Min(minSamples, n);
        var core = new double[n];
        var nearest = new double[k];
        for (var i = 0; i < n; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Array.Fill(nearest, double.PositiveInfinity);
            for (var j = 0; j < n; j++)
            {
                var d = i == j ? 0 : Distance(points[i], points[j]);
                if (d < nearest[k - 1])
                {
                    // Insert into the sorted k smallest distances seen so far.
                    var at = k - 1;
                    while (at > 0 && nearest[at - 1] > d)
                    {
                        nearest[at] = nearest[at - 1];
                        at--;
                    }

                    nearest[at] = d;
                }
            }

            core[i] = nearest[k - 1];
        }

        return core;
    }

    /// <summary>Prim's algorithm on the complete graph of mutual reachability max(core a, core b, d(a, b)).</summary>
    internal static List<(int A, int B, double Weight)> MinimumSpanningTree(IReadOnlyList<float[]> points, double[] core, CancellationToken cancellationToken)
    {
        var n = points.Count;
        var inTree = new bool[n];
        var best = Enumerable.Repeat(double.PositiveInfinity, n).ToArray();
        var from = new int[n];
        var edges = new List<(int, int, double)>(n - 1);
        var current = 0;
        inTree[0] = true;
        for (var added = 1; added < n; added++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var next = -1;
            for (var j = 0; j < n; j++)
            {
                if (inTree[j])
                {
                    continue;
                }

                var reach = Math.Max(Math.Max(core[current], core[j]), Distance(points[current], points[j]));
                if (reach < best[j])
                {
                    (best[j], from[j]) = (reach, current);
                }

                if (next < 0 || best[j] < best[next])
                {
                    next = j;
                }
            }

            inTree[next] = true;
            edges.Add((from[next], next, best[next]));
            current = next;
        }

        return edges;
    }
}
