using System.Numerics.Tensors;

namespace NlpHost.Tasks.Cluster.Algorithms;

/// <summary>
/// Mini-batch spherical k-means (Sculley 2010): each batch moves every centroid towards its assigned points with a
/// per-centroid learning rate 1/(points seen), then re-normalizes. Memory is O(k·d) whatever the number of batches.
/// </summary>
internal sealed class MiniBatchKMeans
{
    private readonly float[][] _centroids;
    private readonly long[] _seen;

    public MiniBatchKMeans(float[][] initial)
    {
        _centroids = [.. initial.Select(c => (float[])c.Clone())];
        _seen = new long[initial.Length];
    }

    public float[][] Centroids => _centroids;

    public void Update(IReadOnlyList<float[]> batch)
    {
        var labels = batch.Select(p => SphericalKMeans.Nearest(p, _centroids).Index).ToArray();
        var step = new float[_centroids[0].Length];
        for (var i = 0; i < batch.Count; i++)
        {
            var centroid = _centroids[labels[i]];
            var rate = 1f / ++_seen[labels[i]];
            // c ← (1 − rate)·c + rate·x
            TensorPrimitives.Subtract(batch[i], centroid, step);
            TensorPrimitives.MultiplyAdd(step, rate, centroid, centroid);
        }

        foreach (var c in labels.Distinct())
        {
            var norm = TensorPrimitives.Norm(_centroids[c]);
            if (norm > 0)
            {
                TensorPrimitives.Divide(_centroids[c], norm, _centroids[c]);
            }
        }
    }
}
