namespace NlpHost.Abstractions.Backbone;

/// <summary>
/// A WordPiece tokenizer that keeps each piece's character span in the original text, for models that bring their
/// own vocabulary (a standard Hugging Face export configured by path). Thread-safe.
/// </summary>
public interface ITextTokenizer
{
    /// <summary>Id of <c>[CLS]</c>.</summary>
    int ClsTokenId { get; }

    /// <summary>Id of <c>[SEP]</c>.</summary>
    int SepTokenId { get; }

    /// <summary>Id of <c>[PAD]</c>.</summary>
    int PadTokenId { get; }

    /// <summary>Splits text into word pieces, keeping each piece's character span; no special tokens added.</summary>
    TokenizedText Tokenize(string text);

    /// <summary>Overlapping windows of at most <paramref name="maxTokens"/> pieces that advance by <paramref name="stride"/> pieces.</summary>
    IReadOnlyList<TokenizedText> TokenizeWindows(string text, int maxTokens, int stride);
}
