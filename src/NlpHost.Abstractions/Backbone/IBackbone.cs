namespace NlpHost.Abstractions.Backbone;

/// <summary>
/// The shared Transformer encoder every task runs on: one inference session, batched across all
/// concurrent callers, on CUDA or the CPU. Thread-safe.
/// </summary>
public interface IBackbone
{
    /// <summary>Model facts: dimensions, special tokens, execution provider.</summary>
    BackboneInfo Info { get; }

    /// <summary>Splits text into word pieces, keeping each piece's character span; no special tokens added.</summary>
    TokenizedText Tokenize(string text);

    /// <summary>
    /// Splits a long text into overlapping windows of at most <paramref name="maxTokens"/> pieces that
    /// advance by <paramref name="stride"/> pieces, so token-level tasks see all of it.
    /// </summary>
    IReadOnlyList<TokenizedText> TokenizeWindows(string text, int maxTokens, int stride);

    /// <summary>
    /// Sentence embeddings (mean pooled over the attention mask, L2-normalized), one per text.
    /// Texts longer than the model's maximum length are truncated.
    /// </summary>
    Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken);

    /// <summary>Runs the encoder on prepared sequences and returns the last hidden state of each.</summary>
    Task<IReadOnlyList<HiddenStates>> EncodeAsync(IReadOnlyList<EncoderInput> inputs, CancellationToken cancellationToken);

    /// <summary>
    /// Opens an ONNX head (or a whole standard export) on the backbone's execution provider. Heads are
    /// cached and owned by the backbone: do not dispose them.
    /// </summary>
    IOnnxModel OpenModel(string path);
}
