namespace NlpHost.Abstractions.Backbone;

/// <summary>The encoder's last hidden state for one sequence: <see cref="Length"/> rows of <see cref="Size"/> floats.</summary>
public sealed class HiddenStates
{
    /// <summary>Wraps row-major data.</summary>
    public HiddenStates(float[] data, int length, int size)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Length != length * size)
        {
            throw new ArgumentException($"expected {length}x{size} values, got {data.Length}", nameof(data));
        }

        Data = data;
        Length = length;
        Size = size;
    }

    /// <summary>Row-major values, token by token.</summary>
    public float[] Data { get; }

    /// <summary>Number of tokens.</summary>
    public int Length { get; }

    /// <summary>Hidden size.</summary>
    public int Size { get; }

    /// <summary>The hidden state of one token.</summary>
    public ReadOnlySpan<float> Token(int index) => Data.AsSpan(index * Size, Size);
}
