namespace NlpHost.Tasks.Cluster.Streaming;

/// <summary>
/// Embeddings written to a temporary file as they are computed and read back in batches, so a million documents
/// cost disk (1.5 GB at 384 dimensions) rather than memory. Sequential reads go through the page cache, which
/// the system can reclaim; nothing is mapped into the process. The file is deleted on dispose.
/// </summary>
internal sealed class EmbeddingSpill : IDisposable
{
    private readonly FileStream _file;
    private readonly int _dimension;

    public EmbeddingSpill(int dimension)
    {
        _dimension = dimension;
        _file = new FileStream(Path.Combine(Path.GetTempPath(), $"nlphost-cluster-{Guid.NewGuid():N}.f32"), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
    }

    public int Count { get; private set; }

    public void Append(IEnumerable<float[]> vectors)
    {
        _file.Seek(0, SeekOrigin.End);
        foreach (var vector in vectors)
        {
            _file.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(vector.AsSpan()));
            Count++;
        }
    }

    /// <summary>All vectors in order, minus <paramref name="centre"/> and re-normalized, <paramref name="batchSize"/> at a time.</summary>
    public IEnumerable<List<float[]>> Batches(int batchSize, float[] centre)
    {
        _file.Seek(0, SeekOrigin.Begin);
        var buffer = new byte[_dimension * sizeof(float)];
        var batch = new List<float[]>(batchSize);
        for (var i = 0; i < Count; i++)
        {
            _file.ReadExactly(buffer);
            var vector = new float[_dimension];
            Buffer.BlockCopy(buffer, 0, vector, 0, buffer.Length);
            System.Numerics.Tensors.TensorPrimitives.Subtract(vector, centre, vector);
            var norm = System.Numerics.Tensors.TensorPrimitives.Norm(vector);
            System.Numerics.Tensors.TensorPrimitives.Divide(vector, norm > 0 ? norm : 1, vector);
            batch.Add(vector);
            if (batch.Count == batchSize)
            {
                yield return batch;
                batch = new List<float[]>(batchSize);
            }
        }

        if (batch.Count > 0)
        {
            yield return batch;
        }
    }

    public void Dispose() => _file.Dispose();
}
