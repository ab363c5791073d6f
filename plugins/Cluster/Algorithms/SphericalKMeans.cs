using System.Numerics.Tensors;

namespace NlpHost.Tasks.Cluster.Algorithms;

/// <summary>
/// k-means on unit vectors with cosine similarity (spherical k-means), seeded with k-means++ or given centroids.
/// Memory is O(n + k·d): no n×n matrix is ever built.
/// </summary>
internal static class SphericalKMeans
{
    public sealed record Result(int[] Labels, float[][] Centroids, double Inertia)
    {
        public Partition ToPartition() => new(Labels, Centroids);
    }

    public static Result Fit(IReadOnlyList<float[]> points, int k, Random random, int restarts = 3, int maxIterations = 100, CancellationToken cancellationToken = default) =>
        Fit(new DenseVectors(points), k, random, restarts, maxIterations, cancellationToken);

    public static Result Fit(IUnitVectors points, int k, Random random, int restarts = 3, int maxIterations = 100, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, points.Count);
        Result? best = null;
        for (var r = 0; r < restarts; r++)
        {
            var result = Refine(points, SeedPlusPlus(points, k, random), random, maxIterations, cancellationToken);
            if (best is null || result.Inertia < best.Inertia)
            {
                best = result;
            }
        }

        return best!;
    }

    /// <summary>Lloyd iterations from the given centroids (unit length) until no point changes cluster.</summary>
    public static Result Refine(IUnitVectors points, float[][] centroids, Random random, int maxIterations = 100, CancellationToken cancellationToken = default)
    {
        var labels = new int[points.Count];
        Array.Fill(labels, -1);
        double inertia = 0;
        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var changed = 0;
            inertia = 0;
            for (var i = 0; i < points.Count; i++)
            {
                var (nearest, similarity) = Nearest(points, i, centroids);
                inertia += 1 - similarity;
                if (labels[i] != nearest)
                {
                    labels[i] = nearest;
                    changed++;
                }
            }

            if (changed == 0)
            {
                break;
            }

            centroids = Update(points, labels, centroids.Length, random);
        }

        return new Result(labels, centroids, inertia);
    }

    /// <summary>Index of the most similar centroid and its cosine similarity.</summary>
    public static (int Index, float Similarity) Nearest(ReadOnlySpan<float> point, float[][] centroids)
    {
        var bestIndex = 0;
        var bestSimilarity = float.NegativeInfinity;
        for (var c = 0; c < centroids.Length; c++)
        {
            var similarity = TensorPrimitives.Dot(point, centroids[c]);
            if (similarity > bestSimilarity)
            {
                (bestIndex, bestSimilarity) = (c, similarity);
            }
        }

        return (bestIndex, bestSimilarity);
    }

    private static (int Index, float Similarity) Nearest(IUnitVectors points, int i, float[][] centroids)
    {
        var bestIndex = 0;
        var bestSimilarity = float.NegativeInfinity;
        for (var c = 0; c < centroids.Length; c++)
        {
            var similarity = points.Dot(i, centroids[c]);
            if (similarity > bestSimilarity)
            {
                (bestIndex, bestSimilarity) = (c, similarity);
            }
        }

        return (bestIndex, bestSimilarity);
    }

    private static float[][] Update(IUnitVectors points, int[] labels, int k, Random random)
    {
        var sums = new float[k][];
        for (var c = 0; c < k; c++)
        {
            sums[c] = new float[points.Dimension];
        }

        var counts = new int[k];
        for (var i = 0; i < points.Count; i++)
        {
            points.AddTo(i, sums[labels[i]]);
            counts[labels[i]]++;
        }

        for (var c = 0; c < k; c++)
        {
            // An emptied cluster restarts from a random point rather than disappearing, so k stays k.
            sums[c] = Normalize(counts[c] == 0 ? points.ToDense(random.Next(points.Count)) : sums[c]);
        }

        return sums;
    }

    private static float[][] SeedPlusPlus(IUnitVectors points, int k, Random random)
    {
        var chosen = new List<int> { random.Next(points.Count) };
        var distance = new double[points.Count];
        for (var i = 0; i < points.Count; i++)
        {
            distance[i] = Math.Max(0, 1 - points.Dot(i, chosen[0]));
        }

        while (chosen.Count < k)
        {
            var total = distance.Sum();
            var next = total <= 0 ? random.Next(points.Count) : Sample(distance, total * random.NextDouble());
            chosen.Add(next);
            for (var i = 0; i < points.Count; i++)
            {
                distance[i] = Math.Min(distance[i], Math.Max(0, 1 - points.Dot(i, next)));
            }
        }

        return [.. chosen.Select(points.ToDense)];
    }

    private static int Sample(double[] weights, double target)
    {
        for (var i = 0; i < weights.Length; i++)
        {
            target -= weights[i];
            if (target <= 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }

    public static float[] Normalize(float[] vector)
    {
        var norm = TensorPrimitives.Norm(vector);
        var result = new float[vector.Length];
        TensorPrimitives.Divide(vector, norm > 0 ? norm : 1, result);
        return result;
    }
}
