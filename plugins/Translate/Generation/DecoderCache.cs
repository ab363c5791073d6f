using NlpHost.Abstractions.Backbone;

namespace NlpHost.Tasks.Translate.Generation;

/// <summary>
/// Past key/values of every decoder row: self-attention per layer (key, value), and for exports that take them
/// (Marian's merged decoder) cross-attention ones, which the first step produces and later steps reuse.
/// </summary>
internal sealed class DecoderCache(FloatTensor[] self, FloatTensor[]? cross)
{
    /// <summary>key, value of layer 0, then of layer 1, ... each [rows, heads, length, head dim].</summary>
    public FloatTensor[] Self { get; } = self;

    /// <summary>Cross-attention key/values in the same order, or <see langword="null"/> before the first step.</summary>
    public FloatTensor[]? Cross { get; } = cross;

    public int PastLength => Self[0].Shape[2];

    public static DecoderCache Empty(int rows, int layers, int heads, int headDim) =>
        new([.. Enumerable.Range(0, 2 * layers).Select(_ => new FloatTensor([], [rows, heads, 0, headDim]))], null);

    /// <summary>The cache for the next step's rows: row i continues old row <paramref name="rows"/>[i] (beam reordering and finished sentences dropped).</summary>
    public DecoderCache Gather(IReadOnlyList<int> rows) =>
        IsIdentity(rows) ? this : new([.. Self.Select(t => Gather(t, rows))], Cross is null ? null : [.. Cross.Select(t => Gather(t, rows))]);

    // Greedy steps where no sentence finished keep every row in place: no copy needed.
    private bool IsIdentity(IReadOnlyList<int> rows)
    {
        if (rows.Count != Self[0].Shape[0])
        {
            return false;
        }

        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i] != i)
            {
                return false;
            }
        }

        return true;
    }

    private static FloatTensor Gather(FloatTensor tensor, IReadOnlyList<int> rows)
    {
        var block = tensor.Shape[1] * tensor.Shape[2] * tensor.Shape[3];
        var data = new float[rows.Count * block];
        for (var i = 0; i < rows.Count; i++)
        {
            Array.Copy(tensor.Data, rows[i] * block, data, i * block, block);
        }

        return new FloatTensor(data, [rows.Count, tensor.Shape[1], tensor.Shape[2], tensor.Shape[3]]);
    }
}
