using System.Numerics.Tensors;

namespace NlpHost.Tasks.Clustering.Algorithms;

/// <summary>
/// k-means on unit vectors with cosine similarity (spherical k-means), seeded with k-means++.
/// Memory is O(n + k·d): no n×n matrix is ever built.
/// </summary>
internal static class SphericalKMeans
{
    public sealed record Result(int[] Labels, float[][] Centroids, double Inertia);

    public static Result Fit(IReadOnlyList<float[]> points, int k, Random random, int restarts = 3, int maxIterations = 100, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, points.Count);
        Result? best = null;
        for (var r = 0; r < restarts; r++)
        {
            var result = FitOnce(points, k, random, maxIterations, cancellationToken);
            if (best is null || result.Inertia < best.Inertia)
            {
                best = result;
            }
        }

        return best!;
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

    private static Result FitOnce(IReadOnlyList<float[]> points, int k, Random random, int maxIterations, CancellationToken cancellationToken)
    {
        var centroids = SeedPlusPlus(points, k, random);
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
                var (nearest, similarity) = Nearest(points[i], centroids);
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

            centroids = Update(points, labels, centroids, random);
        }

        return new Result(labels, centroids, inertia);
    }

    private static float[][] Update(IReadOnlyList<float[]> points, int[] labels, float[][] previous, Random random)
    {
        var dimension = points[0].Length;
        var sums = new float[previous.Length][];
        for (var c = 0; c < sums.Length; c++)
        {
            sums[c] = new float[dimension];
        }

        var counts = new int[previous.Length];
        for (var i = 0; i < points.Count; i++)
        {
            TensorPrimitives.Add(sums[labels[i]], points[i], sums[labels[i]]);
            counts[labels[i]]++;
        }

        for (var c = 0; c < sums.Length; c++)
        {
            // An emptied cluster restarts from a random point rather than disappearing, so k stays k.
            var source = counts[c] == 0 ? points[random.Next(points.Count)] : sums[c];
            sums[c] = Normalize(source);
        }

        return sums;
    }

    private static float[][] SeedPlusPlus(IReadOnlyList<float[]> points, int k, Random random)
    {
        var centroids = new List<float[]> { points[random.Next(points.Count)] };
        var distance = new double[points.Count];
        for (var i = 0; i < points.Count; i++)
        {
            distance[i] = Math.Max(0, 1 - TensorPrimitives.Dot(points[i], centroids[0]));
        }

        while (centroids.Count < k)
        {
            var total = distance.Sum();
            var chosen = total <= 0 ? random.Next(points.Count) : Sample(distance, total * random.NextDouble());
            centroids.Add(points[chosen]);
            for (var i = 0; i < points.Count; i++)
            {
                distance[i] = Math.Min(distance[i], Math.Max(0, 1 - TensorPrimitives.Dot(points[i], points[chosen])));
            }
        }

        return [.. centroids.Select(c => (float[])c.Clone())];
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

    private static float[] Normalize(float[] vector)
    {
        var norm = TensorPrimitives.Norm(vector);
        var result = new float[vector.Length];
        TensorPrimitives.Divide(vector, norm > 0 ? norm : 1, result);
        return result;
    }
}
