using NlpHost.Abstractions.Backbone;

namespace NlpHost.Inference.Internal;

/// <summary>Defers loading the model until a member is first used, so commands that never encode pay nothing.</summary>
internal sealed class LazyBackbone(Func<Backbone> create) : IBackbone, ITokenizerFactory, ILayeredBackbone, IAsyncDisposable
{
    private readonly Lock _gate = new();
    private Backbone? _created;

    // Not Lazy<T>: it would cache a failed load (a missing file since fixed, a device hiccup) for the life of the process.
    private Backbone Value
    {
        get
        {
            if (Volatile.Read(ref _created) is { } created)
            {
                return created;
            }

            lock (_gate)
            {
                return _created ??= create();
            }
        }
    }

    public BackboneInfo Info => Value.Info;

    public TokenizedText Tokenize(string text) => Value.Tokenize(text);

    public IReadOnlyList<TokenizedText> TokenizeWindows(string text, int maxTokens, int stride) => Value.TokenizeWindows(text, maxTokens, stride);

    public Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken) => Value.EmbedAsync(texts, cancellationToken);

    public Task<IReadOnlyList<HiddenStates>> EncodeAsync(IReadOnlyList<EncoderInput> inputs, CancellationToken cancellationToken) =>
        Value.EncodeAsync(inputs, cancellationToken);

    public IOnnxModel OpenModel(string path) => Value.OpenModel(path);

    public int LayerCount => Value.LayerCount;

    public Task<IReadOnlyList<LayeredHiddenStates>> EncodeLayerAsync(IReadOnlyList<EncoderInput> inputs, int layer, CancellationToken cancellationToken) =>
        Value.EncodeLayerAsync(inputs, layer, cancellationToken);

    public ITextTokenizer CreateTokenizer(string vocabPath, bool lowerCase) => Value.CreateTokenizer(vocabPath, lowerCase);

    public ValueTask DisposeAsync() => Volatile.Read(ref _created) is { } created ? created.DisposeAsync() : ValueTask.CompletedTask;
}
