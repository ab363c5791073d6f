namespace NlpHost.Abstractions.Backbone;

/// <summary>A dense tensor passed to or from an <see cref="IOnnxModel"/>; plain arrays keep the contract free of ONNX types.</summary>
/// <param name="Shape">Dimensions, outermost first.</param>
public abstract record ModelTensor(int[] Shape)
{
    /// <summary>Number of elements the shape holds.</summary>
    public int ElementCount => Shape.Aggregate(1, (a, b) => a * b);
}

/// <summary>A tensor of 32-bit floats.</summary>
public sealed record FloatTensor(float[] Data, int[] Shape) : ModelTensor(Shape);

/// <summary>A tensor of 64-bit integers (token ids, masks).</summary>
public sealed record Int64Tensor(long[] Data, int[] Shape) : ModelTensor(Shape);

/// <summary>A tensor of booleans (flags such as <c>use_cache_branch</c> of merged decoders).</summary>
/// <remarks>Added in contract 1.2.</remarks>
public sealed record BoolTensor(bool[] Data, int[] Shape) : ModelTensor(Shape);
