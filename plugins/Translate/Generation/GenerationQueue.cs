using Microsoft.Extensions.Logging;
using NlpHost.Abstractions.Backbone;
using NlpHost.Tasks.Sdk.Batching;

namespace NlpHost.Tasks.Translate.Generation;

/// <summary>
/// Batches sentences from all concurrent jobs into one search per decoder, on the SDK's <see cref="MicroBatcher{TItem, TResult}"/>.
/// The grouping rule: the oldest sentence's settings with the next sentences that share them, first come first served
/// (up to the batch size); the rest wait for the next round. A sentence whose caller cancels leaves the queue, or the
/// running batch at its next step (the search checks each sentence's token).
/// </summary>
internal sealed class GenerationQueue : IAsyncDisposable
{
    private readonly MicroBatcher<(SearchInput Input, GenerationSettings Settings), Hypothesis> _batcher;

    public GenerationQueue(DecoderModel decoder, SpecialTokens tokens, int maxBatchSentences, ILogger logger)
    {
        _batcher = new(
            async (batch, stop) => await BeamSearch.RunAsync(decoder, [.. batch.Select(b => b.Input)], batch[0].Settings, tokens, stop).ConfigureAwait(false),
            backlog => [.. Enumerable.Range(0, backlog.Count).Where(i => backlog[i].Settings == backlog[0].Settings).Take(maxBatchSentences)],
            (e, count) => Log.BatchFailed(logger, e, count, decoder.Path),
            "the translation model");
    }

    public Task<Hypothesis> GenerateAsync(HiddenStates source, int maxNewTokens, GenerationSettings settings, CancellationToken cancellationToken) =>
        _batcher.EnqueueAsync((new SearchInput(source, maxNewTokens, cancellationToken), settings), cancellationToken);

    public ValueTask DisposeAsync() => _batcher.DisposeAsync();
}
