using System.Numerics.Tensors;
using NlpHost.Tasks.Cluster.Representation;

namespace NlpHost.Tasks.Cluster.Algorithms;

/// <summary>
/// Unit vectors k-means can cluster without knowing how they are stored: dense embeddings or sparse TF-IDF rows.
/// One k-means serves both (the TF-IDF baseline used to carry its own copy).
/// </summary>
internal interface IUnitVectors
{
    int Count { get; }

    int Dimension { get; }

    /// <summary>Cosine similarity of point <paramref name="i"/> with a dense vector.</summary>
    float Dot(int i, ReadOnlySpan<float> dense);

    /// <summary>Cosine similarity of two points.</summary>
    float Dot(int i, int j);

    /// <summary>Adds point <paramref name="i"/> into <paramref name="sum"/>.</summary>
    void AddTo(int i, Span<float> sum);

    float[] ToDense(int i);
}

/// <summary>Dense unit vectors (embeddings, hybrid vectors).</summary>
internal sealed class DenseVectors(IReadOnlyList<float[]> points) : IUnitVectors
{
    public int Count => points.Count;

    public int Dimension => points.Count == 0 ? 0 : points[0].Length;

    public float Dot(int i, ReadOnlySpan<float> dense) => TensorPrimitives.Dot(points[i], dense);

    public float Dot(int i, int j) => TensorPrimitives.Dot(points[i], points[j]);

    public void AddTo(int i, Span<float> sum) => TensorPrimitives.Add(sum, points[i], sum);

    public float[] ToDense(int i) => (float[])points[i].Clone();
}

/// <summary>Sparse unit vectors (TF-IDF rows); centroids are dense over the vocabulary.</summary>
internal sealed class SparseVectors(IReadOnlyList<SparseVector> rows, int dimension) : IUnitVectors
{
    public int Count => rows.Count;

    public int Dimension => dimension;

    public float Dot(int i, ReadOnlySpan<float> dense)
    {
        var (index, value) = rows[i];
        float sum = 0;
        for (var j = 0; j < index.Length; j++)
        {
            sum += value[j] * dense[index[j]];
        }

        return sum;
    }

    public float Dot(int i, int j) => rows[i].Dot(rows[j]);

    public void AddTo(int i, Span<float> sum)
    {
        var (index, value) = rows[i];
        for (var j = 0; j < index.Length; j++)
        {
            sum[index[j]] += value[j];
        }
    }

    public float[] ToDense(int i) => rows[i].ToDense(dimension);
}
