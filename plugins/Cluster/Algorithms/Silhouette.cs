using System.Numerics.Tensors;

namespace NlpHost.Tasks.Cluster.Algorithms;

/// <summary>Mean silhouette with cosine distance over a fixed sample; the sample's distances are computed once.</summary>
internal sealed class Silhouette
{
    private readonly int[] _sample;
    private readonly float[,] _distance;

    public Silhouette(IReadOnlyList<float[]> points, int sampleSize, Random random)
    {
        _sample = [.. Enumerable.Range(0, points.Count).OrderBy(_ => random.Next()).Take(sampleSize)];
        _distance = new float[_sample.Length, _sample.Length];
        for (var a = 0; a < _sample.Length; a++)
        {
            for (var b = a + 1; b < _sample.Length; b++)
            {
                var d = 1 - TensorPrimitives.Dot(points[_sample[a]], points[_sample[b]]);
                _distance[a, b] = d;
                _distance[b, a] = d;
            }
        }
    }

    /// <summary>Mean silhouette of the sampled points under <paramref name="labels"/> (labels of all points).</summary>
    public double Score(int[] labels, int k)
    {
        double total = 0;
        var sums = new double[k];
        var counts = new int[k];
        for (var a = 0; a < _sample.Length; a++)
        {
            Array.Clear(sums);
            Array.Clear(counts);
            for (var b = 0; b < _sample.Length; b++)
            {
                if (a == b)
                {
                    continue;
                }

                var label = labels[_sample[b]];
                sums[label] += _distance[a, b];
                counts[label]++;
            }

            var own = labels[_sample[a]];
            if (counts[own] == 0)
            {
                continue; // a singleton's silhouette is 0 by convention
            }

            var inside = sums[own] / counts[own];
            var outside = double.MaxValue;
            for (var c = 0; c < k; c++)
            {
                if (c != own && counts[c] > 0)
                {
                    outside = Math.Min(outside, sums[c] / counts[c]);
                }
            }

            if (outside < double.MaxValue)
            {
                total += (outside - inside) / Math.Max(inside, outside);
            }
        }

        return total / _sample.Length;
    }
}
