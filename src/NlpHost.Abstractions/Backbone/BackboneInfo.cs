namespace NlpHost.Abstractions.Backbone;

/// <summary>Facts about the loaded encoder.</summary>
/// <param name="ModelPath">The ONNX file.</param>
/// <param name="HiddenSize">Width of each token's hidden state.</param>
/// <param name="MaxSequenceLength">Most tokens one sequence may have, special tokens included.</param>
/// <param name="ClsTokenId">Id of the classification token that starts a sequence.</param>
/// <param name="SepTokenId">Id of the separator token.</param>
/// <param name="PadTokenId">Id of the padding token.</param>
/// <param name="ExecutionProvider"><c>cuda</c> or <c>cpu</c>: what the session actually runs on.</param>
public sealed record BackboneInfo(
    string ModelPath,
    int HiddenSize,
    int MaxSequenceLength,
    int ClsTokenId,
    int SepTokenId,
    int PadTokenId,
    string ExecutionProvider);
