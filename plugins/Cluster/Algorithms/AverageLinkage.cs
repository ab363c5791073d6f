using System.Numerics.Tensors;

namespace NlpHost.Tasks.Cluster.Algorithms;

/// <summary>
/// Agglomerative clustering with average linkage on cosine distance. <see cref="Build"/> records the whole merge
/// sequence once; a cut at a number of clusters or a distance threshold replays a prefix of it, so automatic k can
/// score every level without re-clustering. Exact on up to <see cref="MaxExact"/> points; larger inputs are clustered
/// on a random sample of that size and every other point joins the nearest resulting centroid, so memory stays
/// O(sample²) and no n×n matrix is ever built.
/// </summary>
internal static class AverageLinkage
{
    public const int MaxExact = 2000;

    /// <summary>The sampled points (indices into the input) and their merges, closest first.</summary>
    public sealed record Tree(int[] Sample, IReadOnlyList<Merge> Merges)
    {
        /// <summary>Labels of the sampled points after the first <paramref name="mergeCount"/> merges.</summary>
        public int[] Cut(int mergeCount)
        {
            var parent = Enumerable.Range(0, Sample.Length).ToArray();
            int Root(int i) => parent[i] == i ? i : parent[i] = Root(parent[i]);
            foreach (var merge in Merges.Take(mergeCount))
            {
                parent[Root(merge.B)] = Root(merge.A);
            }

            var roots = new Dictionary<int, int>();
            return [.. Enumerable.Range(0, Sample.Length).Select(i => roots.TryGetValue(Root(i), out var label) ? label : roots[Root(i)] = roots.Count)];
        }

        /// <summary>Merges needed to come down to <paramref name="clusters"/> clusters.</summary>
        public int MergesFor(int clusters) => Math.Clamp(Sample.Length - clusters, 0, Merges.Count);

        /// <summary>Merges of clusters at most <paramref name="threshold"/> apart (average linkage merges in non-decreasing distance).</summary>
        public int MergesWithin(double threshold) => Merges.TakeWhile(m => m.Distance <= threshold).Count();
    }

    public readonly record struct Merge(int A, int B, float Distance);

    public static Tree Build(IReadOnlyList<float[]> points, Random random, CancellationToken cancellationToken)
    {
        var sample = points.Count <= MaxExact
            ? Enumerable.Range(0, points.Count).ToArray()
            : [.. Enumerable.Range(0, points.Count).OrderBy(_ => random.Next()).Take(MaxExact)];
        return new Tree(sample, MergeAll([.. sample.Select(i => points[i])], cancellationToken));
    }

    /// <summary>Every point joins the nearest centroid of the sample's clusters.</summary>
    public static Partition Assign(IReadOnlyList<float[]> points, Tree tree, int[] sampleLabels)
    {
        var centroids = Partition.FromLabels([.. tree.Sample.Select(i => points[i])], sampleLabels).Centroids;
        var labels = new int[points.Count];
        for (var i = 0; i < points.Count; i++)
        {
            labels[i] = SphericalKMeans.Nearest(points[i], centroids).Index;
        }

        return new Partition(labels, centroids);
    }

    private static List<Merge> MergeAll(float[][] points, CancellationToken cancellationToken)
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
        var nearest = new int[n];
        for (var a = 0; a < n; a++)
        {
            nearest[a] = Nearest(distance, alive, a);
        }

        var merges = new List<Merge>(n);
        for (var remaining = n; remaining > 1; remaining--)
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

            if (a < 0)
            {
                break;
            }

            var b = nearest[a];
            merges.Add(new Merge(a, b, distance[a, b]));
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
            for (var i = 0; i < n; i++)
            {
                if (alive[i] && (i == a || nearest[i] == a || nearest[i] == b || (nearest[i] >= 0 && distance[i, a] < distance[i, nearest[i]])))
                {
                    nearest[i] = Nearest(distance, alive, i);
                }
            }
        }

        return merges;
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
}
