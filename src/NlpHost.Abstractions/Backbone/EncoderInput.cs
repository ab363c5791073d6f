namespace NlpHost.Abstractions.Backbone;

/// <summary>One sequence for the encoder, special tokens included.</summary>
/// <param name="Ids">Token ids, e.g. <c>[CLS] question [SEP] context [SEP]</c>.</param>
/// <param name="TypeIds">Segment ids (0 for the first segment, 1 for the second), or <see langword="null"/> for all zeros.</param>
public sealed record EncoderInput(int[] Ids, int[]? TypeIds = null);
