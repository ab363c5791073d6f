using NlpHost.Abstractions.Backbone;

namespace NlpHost.Inference.Internal;

/// <summary>Defers loading the model until a member is first used, so commands that never encode pay nothing.</summary>
internal sealed class LazyBackbone(Func<Backbone> create) : IBackbone, IAsyncDisposable
{
    private readonly Lazy<Backbone> _backbone = new(create, LazyThreadSafetyMode.ExecutionAndPublication);

    public BackboneInfo Info => _backbone.Value.Info;

    public TokenizedText Tokenize(string text) => _backbone.Value.Tokenize(text);

    public IReadOnlyList<TokenizedText> TokenizeWindows(string text, int maxTokens, int stride) => _backbone.Value.TokenizeWindows(text, maxTokens, stride);

    public Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken) => _backbone.Value.EmbedAsync(texts, cancellationToken);

    public Task<IReadOnlyList<HiddenStates>> EncodeAsync(IReadOnlyList<EncoderInput> inputs, CancellationToken cancellationToken) =>
        _backbone.Value.EncodeAsync(inputs, cancellationToken);

    public IOnnxModel OpenModel(string path) => _backbone.Value.OpenModel(path);

    public ValueTask DisposeAsync() => _backbone.IsValueCreated ? _backbone.Value.DisposeAsync() : ValueTask.CompletedTask;
}
