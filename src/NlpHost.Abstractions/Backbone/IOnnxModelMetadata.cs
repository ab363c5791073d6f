namespace NlpHost.Abstractions.Backbone;

/// <summary>
/// Declared input shapes of an <see cref="IOnnxModel"/>, for callers that must build inputs the model has not told
/// them about otherwise (e.g. the empty past key/values of a decoder's first step). Discover it with a type test.
/// </summary>
/// <remarks>Added in contract 1.2.</remarks>
public interface IOnnxModelMetadata
{
    /// <summary>Dimensions of each input, outermost first; -1 where the dimension is symbolic.</summary>
    IReadOnlyDictionary<string, IReadOnlyList<int>> InputShapes { get; }
}
