using NlpHost.Abstractions.Backbone;

namespace NlpHost.Inference.Internal;

/// <summary>One sequence queued for the encoder, and the intermediate layer (1-based; 0 = none) its caller also wants.</summary>
internal readonly record struct SequenceRequest(EncoderInput Input, int Layer);

/// <summary>What one run returned for a sequence: the last layer, and the requested intermediate layer if any.</summary>
internal sealed record EncodedSequence(HiddenStates Last, HiddenStates? Layer = null);
