namespace NlpHost.Abstractions.Backbone;

/// <summary>
/// A backbone that also returns the hidden states after an intermediate layer, from the same batched run that
/// computes the last layer (contract 1.3). Discover it with a type test: <c>context.Backbone as ILayeredBackbone</c>.
/// </summary>
/// <remarks>
/// This is what a <em>branch</em> head reads: copies of the backbone's top layers (<c>k + 1</c> … last) fine-tuned for a
/// task, over the shared, frozen trunk (layers 1 … <c>k</c>). A head declares the layer it reads in its
/// <c>manifest.json</c> as <c>"backboneLayer": k</c> (absent or equal to <see cref="LayerCount"/>: the last layer,
/// read with <see cref="IBackbone.EncodeAsync"/>). The last layer's states and the embeddings are unchanged by it.
/// </remarks>
public interface ILayeredBackbone
{
    /// <summary>Number of encoder layers; 0 when this model's intermediate outputs cannot be exposed.</summary>
    int LayerCount { get; }

    /// <summary>
    /// Runs the encoder on prepared sequences and returns, for each, the hidden states after layer
    /// <paramref name="layer"/> (1-based) and after the last layer.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="layer"/> is not 1 … <see cref="LayerCount"/>.</exception>
    Task<IReadOnlyList<LayeredHiddenStates>> EncodeLayerAsync(IReadOnlyList<EncoderInput> inputs, int layer, CancellationToken cancellationToken);
}

/// <summary>The hidden states of one sequence after an intermediate layer and after the last one.</summary>
/// <param name="Layer">After the requested layer.</param>
/// <param name="Last">After the last layer (what <see cref="IBackbone.EncodeAsync"/> returns).</param>
public sealed record LayeredHiddenStates(HiddenStates Layer, HiddenStates Last);
