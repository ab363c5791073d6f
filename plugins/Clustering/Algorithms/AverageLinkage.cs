using System.Numerics.Tensors;

namespace NlpHost.Tasks.Clustering.Algorithms;

/// <summary>
/// Agglomerative clustering with average linkage on cosine distance, stopping at a distance threshold or at a
/// number of clusters. Exact on up to <see cref="MaxExact"/> points; larger inputs are clustered on a random
/// sample of that size and every other point joins the nearest resulting centroid, so memory stays O(sample²)
/// and no n×n matrix is ever built.
/// </summary>
internal static class AverageLinkage
{
    public const int MaxExact = 2000;

    public static SphericalKMeans.Result Fit(IReadOnlyList<float[]> points, double distanceThreshold, int? clusters, Random random, CancellationToken cancellationToken)
    {
        var sample = points.Count <= MaxExact
            ? Enumerable.Range(0, points.Count).ToArray()
            : [.. Enumerable.Range(0, points.Count).OrderBy(_ => random.Next()).Take(MaxExact)];
        var sampleLabels = Merge([.. sample.Select(i => points[i])], distanceThreshold, clusters, cancellationToken);
        var k = sampleLabels.Max() + 1;
        var centroids = Centroids([.. sample.Select(i => points[i])], sampleLabels, k);
        var labels = new int[points.Count];
        double inertia = 0;
        for (var i = 0; i < points.Count; i++)
        {
            var (nearest, similarity) = SphericalKMeans.Nearest(points[i], centroids);
            labels[i] = nearest;
            inertia += 1 - similarity;
        }

        return new SphericalKMeans.Result(labels, centroids, inertia);
    }

    private static int[] Merge(float[][] points, double threshold, int? clusters, CancellationToken cancellationToken)
    {
        var n = points.Length;
        var distance = new float[n, n];
        for (var a = 0; a < n; a++)
        {
            for (var b = a + 1; b < n; b++)
            {
                distance[a, b] = distance[b, a] = 1 - TensorPrimitives.Dot(points[a], points[b]);
            }
        }

        var size = Enumerable.Repeat(1, n).ToArray();
        var alive = Enumerable.Repeat(true, n).ToArray();
        var parent = Enumerable.Range(0, n).ToArray();
        var nearest = new int[n];
        for (var a = 0; a < n; a++)
        {
            nearest[a] = Nearest(distance, alive, a);
        }

        for (var remaining = n; remaining > (clusters ?? 1); remaining--)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var a = -1;
            for (var i = 0; i < n; i++)
            {
                if (alive[i] && nearest[i] >= 0 && (a < 0 || distance[i, nearest[i]] < distance[a, nearest[a]]))
                {
                    a = i;
                }
            }

            if (a < 0 || (clusters is null && distance[a, nearest[a]] > threshold))
            {
                break;
            }

            var b = nearest[a];
            // Lance–Williams update for average linkage: the merged cluster's distance is the size-weighted mean.
            for (var i = 0; i < n; i++)
            {
                if (alive[i] && i != a && i != b)
                {
                    distance[a, i] = distance[i, a] = ((size[a] * distance[a, i]) + (size[b] * distance[b, i])) / (size[a] + size[b]);
                }
            }

            size[a] += size[b];
            alive[b] = false;
            parent[b] = a;
            for (var i = 0; i < n; i++)
            {
                if (alive[i] && (i == a || nearest[i] == a || nearest[i] == b || (nearest[i] >= 0 && distance[i, a] < distance[i, nearest[i]])))
                {
                    nearest[i] = Nearest(distance, alive, i);
                }
            }
        }

        return Relabel(parent, alive);
    }

    private static int Nearest(float[,] distance, bool[] alive, int a)
    {
        var best = -1;
        for (var i = 0; i < alive.Length; i++)
        {
            if (alive[i] && i != a && (best < 0 || distance[a, i] < distance[a, best]))
            {
                best = i;
            }
        }

        return best;
    }

    private static int[] Relabel(int[] parent, bool[] alive)
    {
        var roots = new Dictionary<int, int>();
        var labels = new int[parent.Length];
        for (var i = 0; i < parent.Length; i++)
        {
            var root = i;
            while (!alive[root])
            {
                root = parent[root];
            }

            labels[i] = roots.TryGetValue(root, out var label) ? label : roots[root] = roots.Count;
        }

        return labels;
    }

    private static float[][] Centroids(float[][] points, int[] labels, int k)
    {
        var sums = Enumerable.Range(0, k).Select(_ => new float[points[0].Length]).ToArray();
        for (var i = 0; i < points.Length; i++)
        {
            TensorPrimitives.Add(sums[labels[i]], points[i], sums[labels[i]]);
        }

        foreach (var sum in sums)
        {
            var norm = TensorPrimitives.Norm(sum);
            TensorPrimitives.Divide(sum, norm > 0 ? norm : 1, sum);
        }

        return sums;
    }
}
