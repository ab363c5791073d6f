using NlpHost.Abstractions.Backbone;

namespace NlpHost.Tasks.Qa.Runtime;

/// <summary>The shared backbone's own tokenizer seen through <see cref="ITextTokenizer"/>, so windows are built one way for both routes.</summary>
internal sealed class BackboneTextTokenizer(IBackbone backbone) : ITextTokenizer
{
    public int ClsTokenId => backbone.Info.ClsTokenId;

    public int SepTokenId => backbone.Info.SepTokenId;

    public int PadTokenId => backbone.Info.PadTokenId;

    public TokenizedText Tokenize(string text) => backbone.Tokenize(text);

    public IReadOnlyList<TokenizedText> TokenizeWindows(string text, int maxTokens, int stride) => backbone.TokenizeWindows(text, maxTokens, stride);
}
