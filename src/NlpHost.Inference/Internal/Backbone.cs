using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using NlpHost.Abstractions.Backbone;
using NlpHost.Inference.Internal.Graph;
using NlpHost.Inference.Tokenization;
using NlpHost.Tasks.Sdk.Batching;

namespace NlpHost.Inference.Internal;

/// <summary>
/// The loaded encoder: tokenizer, one batched inference session and the cache of heads opened beside it. The session
/// runs the graph derived by <see cref="LayerOutputs"/>, so a branch head's intermediate layer comes from the same
/// batched run as everyone's last layer. Sequences from all concurrent callers are coalesced by the SDK's
/// <see cref="MicroBatcher{TItem, TResult}"/> (the one the translation decoder uses too) into length-grouped batches of
/// <see cref="BackboneOptions.MaxBatchSize"/>, held up to <see cref="BackboneOptions.MaxBatchWaitMilliseconds"/> for
/// more under concurrent traffic.
/// </summary>
internal sealed class Backbone : IBackbone, ITokenizerFactory, ILayeredBackbone, IAsyncDisposable
{
    private readonly BackboneOptions _options;
    private readonly BackboneTokenizer _tokenizer;
    private readonly ConcurrentDictionary<(string Path, bool LowerCase), BackboneTokenizer> _tokenizers = new();
    private readonly EncoderSession _session;
    private readonly MicroBatcher<SequenceRequest, EncodedSequence> _batcher;
    private readonly OnnxModelCache _models;
    private readonly BackboneMetrics _metrics;

    private Backbone(BackboneOptions options, BackboneTokenizer tokenizer, EncoderSession session, ExecutionProviders providers, ILoggerFactory loggers, IMeterFactory? meters)
    {
        _options = options;
        _tokenizer = tokenizer;
        _session = session;
        _metrics = new BackboneMetrics(meters);
        var logger = loggers.CreateLogger<Backbone>();
        _batcher = new MicroBatcher<SequenceRequest, EncodedSequence>(
            (batch, _) => Task.FromResult<IReadOnlyList<EncodedSequence>>(Run(batch)),
            waiting => LengthGrouping.Next(waiting, options.MaxBatchSize),
            (exception, count) => Log.BatchFailed(logger, exception, count),
            "the backbone",
            new MicroBatcherOptions
            {
                // Several batches' worth in view, so grouping by length has something to choose from.
                Lookahead = options.MaxBatchSize * 8,
                Hold = TimeSpan.FromMilliseconds(options.MaxBatchWaitMilliseconds),
                Full = options.MaxBatchSize,
            });
        _models = new OnnxModelCache(providers, options.Precision, logger);
        Info = new BackboneInfo(options.ResolvedModelPath, session.HiddenSize, options.MaxSequenceLength, tokenizer.ClsId, tokenizer.SepId, tokenizer.PadId, providers.Name);
        Log.Loaded(logger, Info.ModelPath, Info.ExecutionProvider, Info.HiddenSize, Info.MaxSequenceLength);
    }

    public BackboneInfo Info { get; }

    public int LayerCount => _session.LayerCount;

    /// <summary>Loads tokenizer and model; throws with the offending key when either cannot be used.</summary>
    public static Backbone Create(BackboneOptions options, ILoggerFactory loggers, IMeterFactory? meters = null)
    {
        var tokenizer = BackboneTokenizer.Create(options.ResolvedVocabPath, options.LowerCase);
        if (!File.Exists(options.ResolvedModelPath))
        {
            throw new FileNotFoundException($"Backbone:ModelPath '{options.ResolvedModelPath}' not found", options.ResolvedModelPath);
        }

        var providers = ExecutionProviders.Resolve(options, loggers.CreateLogger<Backbone>());
        using var sessionOptions = providers.CreateSessionOptions();
        return new Backbone(options, tokenizer, new EncoderSession(options.ResolvedModelPath, sessionOptions, options.Precision, exposeLayers: true), providers, loggers, meters);
    }

    private EncodedSequence[] Run(IReadOnlyList<SequenceRequest> batch)
    {
        var started = Stopwatch.GetTimestamp();
        var states = _session.Run(batch, _tokenizer.PadId);
        var (length, real) = (0, 0L);
        foreach (var pending in batch)
        {
            (length, real) = (Math.Max(length, pending.Input.Ids.Length), real + pending.Input.Ids.Length);
        }

        _metrics.RecordRun(batch.Count, length, real, Stopwatch.GetElapsedTime(started));
        return states;
    }

    public TokenizedText Tokenize(string text) => _tokenizer.Tokenize(text);

    public IReadOnlyList<TokenizedText> TokenizeWindows(string text, int maxTokens, int stride) =>
        _tokenizer.Windows(text, maxTokens > 0 ? maxTokens : _options.WindowTokens, stride > 0 ? stride : _options.WindowStride);

    public async Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(texts);
        // Tokenize everything before queueing anything: queued one by one between tokenizations, a call's texts
        // trickled in slower than the batcher's hold and were run as two or three part-batches instead of one.
        var inputs = new EncoderInput[texts.Count];
        for (var i = 0; i < texts.Count; i++)
        {
            inputs[i] = new EncoderInput(_tokenizer.EncodeForModel(texts[i], _options.MaxSequenceLength));
        }

        var pending = new Task<HiddenStates>[texts.Count];
        for (var i = 0; i < texts.Count; i++)
        {
            pending[i] = LastLayer(inputs[i], cancellationToken);
        }

        var states = await Task.WhenAll(pending).ConfigureAwait(false);
        return Array.ConvertAll(states, Pooling.MeanNormalized);
    }

    public async Task<IReadOnlyList<HiddenStates>> EncodeAsync(IReadOnlyList<EncoderInput> inputs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var pending = new Task<HiddenStates>[inputs.Count];
        for (var i = 0; i < inputs.Count; i++)
        {
            pending[i] = LastLayer(Checked(inputs, i), cancellationToken);
        }

        return await Task.WhenAll(pending).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<LayeredHiddenStates>> EncodeLayerAsync(IReadOnlyList<EncoderInput> inputs, int layer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (layer < 1 || layer > LayerCount)
        {
            throw new ArgumentOutOfRangeException(nameof(layer), layer, LayerCount == 0
                ? $"the backbone '{Info.ModelPath}' exposes no intermediate layers (not a Hugging Face BERT export)"
                : $"layer must be 1 to {LayerCount}");
        }

        var pending = new Task<EncodedSequence>[inputs.Count];
        for (var i = 0; i < inputs.Count; i++)
        {
            pending[i] = _batcher.EnqueueAsync(new SequenceRequest(Checked(inputs, i), layer), cancellationToken);
        }

        var states = await Task.WhenAll(pending).ConfigureAwait(false);
        return Array.ConvertAll(states, s => new LayeredHiddenStates(s.Layer!, s.Last));
    }

    private async Task<HiddenStates> LastLayer(EncoderInput input, CancellationToken cancellationToken) =>
        (await _batcher.EnqueueAsync(new SequenceRequest(input, 0), cancellationToken).ConfigureAwait(false)).Last;

    private EncoderInput Checked(IReadOnlyList<EncoderInput> inputs, int i)
    {
        var input = inputs[i];
        if (input.Ids.Length is 0 || input.Ids.Length > Info.MaxSequenceLength || (input.TypeIds is { } t && t.Length != input.Ids.Length))
        {
            throw new ArgumentException(
                $"input {i} has {input.Ids.Length} ids (and {input.TypeIds?.Length.ToString() ?? "no"} type ids); each needs 1 to {Info.MaxSequenceLength} ids (Backbone:MaxSequenceLength) and as many type ids",
                nameof(inputs));
        }

        return input;
    }

    public IOnnxModel OpenModel(string path) => _models.Open(_options.Resolve(path));

    public ITextTokenizer CreateTokenizer(string vocabPath, bool lowerCase) =>
        _tokenizers.GetOrAdd((_options.Resolve(vocabPath), lowerCase), key => BackboneTokenizer.Create(key.Path, key.LowerCase));

    public async ValueTask DisposeAsync()
    {
        await _batcher.DisposeAsync().ConfigureAwait(false);
        _session.Dispose();
        _models.Dispose();
        _metrics.Dispose();
    }
}
