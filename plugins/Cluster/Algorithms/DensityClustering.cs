using NlpHost.Tasks.Cluster.Representation;

namespace NlpHost.Tasks.Cluster.Algorithms;

/// <summary>
/// <c>algorithm: density</c>. Densities mean little in hundreds of dimensions (all distances look alike), so the
/// vectors are first reduced to <see cref="ReducedDimensions"/> principal components and re-normalized (angles carry
/// the topic, as BERTopic's cosine UMAP), then clustered by exact <see cref="Hdbscan"/>. Beyond
/// <see cref="MaxExact"/> documents HDBSCAN (O(n²) time) runs on a random sample of that size and every other
/// document takes the label of its nearest sampled document, noise included.
/// </summary>
internal static class DensityClustering
{
    public const int MaxExact = 4000;
    public const int ReducedDimensions = 16;

    /// <summary>Below this many documents the vectors are clustered as they are: too few to estimate components.</summary>
    public const int MinDocumentsToReduce = 200;

    public static int DefaultMinClusterSize(int n) => Math.Max(3, (int)Math.Round(Math.Sqrt(n) / 2));

    public static Partition Fit(IReadOnlyList<float[]> vectors, ClusterOptions options, Random random, CancellationToken cancellationToken)
    {
        var n = vectors.Count;
        var minClusterSize = Math.Max(2, options.MinClusterSize ?? DefaultMinClusterSize(n));
        var minSamples = options.MinSamples ?? Math.Min(minClusterSize, 5);
        var reduced = n >= MinDocumentsToReduce ? Reduce(vectors, random) : vectors;
        var sample = n <= MaxExact ? Enumerable.Range(0, n).ToArray() : [.. Enumerable.Range(0, n).OrderBy(_ => random.Next()).Take(MaxExact)];
        var sampleLabels = Hdbscan.Fit([.. sample.Select(i => reduced[i])], minClusterSize, minSamples, cancellationToken).Labels;
        var labels = new int[n];
        Array.Fill(labels, int.MinValue);
        for (var s = 0; s < sample.Length; s++)
        {
            labels[sample[s]] = sampleLabels[s];
        }

        for (var i = 0; i < n; i++)
        {
            if (labels[i] == int.MinValue)
            {
                labels[i] = sampleLabels[NearestSampled(reduced, sample, i)];
            }
        }

        return Partition.FromLabels(vectors, labels);
    }

    private static int NearestSampled(IReadOnlyList<float[]> reduced, int[] sample, int i)
    {
        var best = (Index: 0, Distance: double.PositiveInfinity);
        for (var s = 0; s < sample.Length; s++)
        {
            var d = Hdbscan.Distance(reduced[i], reduced[sample[s]]);
            if (d < best.Distance)
            {
                best = (s, d);
            }
        }

        return best.Index;
    }

    private static float[][] Reduce(IReadOnlyList<float[]> vectors, Random random)
    {
        var dimension = vectors[0].Length;
        var mean = new double[dimension];
        foreach (var v in vectors)
        {
            for (var j = 0; j < dimension; j++)
            {
                mean[j] += v[j] / (double)vectors.Count;
            }
        }

        var all = Enumerable.Range(0, dimension).ToArray();
        var rows = vectors.Select(v => new SparseVector(all, [.. v.Select((x, j) => (float)(x - mean[j]))])).ToList();
        var factors = RandomizedSvd.DocumentFactors(rows, dimension, Math.Min(ReducedDimensions, Math.Min(dimension, vectors.Count) - 1), random);
        return [.. factors.Select(f => SphericalKMeans.Normalize(Array.ConvertAll(f, x => (float)x)))];
    }
}
