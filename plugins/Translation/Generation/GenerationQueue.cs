using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using NlpHost.Abstractions.Backbone;

namespace NlpHost.Tasks.Translation.Generation;

/// <summary>
/// Batches sentences from all concurrent jobs into one search per decoder: a worker takes everything queued, runs the
/// oldest sentence's settings with the next sentences that share them, first come first served (up to the batch
/// size), and leaves the rest for the next round. A sentence whose caller cancels leaves the queue, or the
/// running batch at its next step.
/// </summary>
internal sealed class GenerationQueue : IAsyncDisposable
{
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly DecoderModel _decoder;
    private readonly SpecialTokens _tokens;
    private readonly int _maxBatch;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _worker;

    public GenerationQueue(DecoderModel decoder, SpecialTokens tokens, int maxBatchSentences, ILogger logger)
    {
        _decoder = decoder;
        _tokens = tokens;
        _maxBatch = maxBatchSentences;
        _logger = logger;
        _worker = Task.Run(() => WorkAsync(_stop.Token));
    }

    public Task<Hypothesis> GenerateAsync(HiddenStates source, int maxNewTokens, GenerationSettings settings, CancellationToken cancellationToken)
    {
        var pending = new Pending(new SearchInput(source, maxNewTokens, cancellationToken), settings);
        pending.Registration = cancellationToken.Register(() => pending.Completion.TrySetCanceled(cancellationToken));
        if (!_queue.Writer.TryWrite(pending))
        {
            pending.Registration.Dispose();
            throw new ObjectDisposedException(nameof(GenerationQueue), "the translation model has been disposed");
        }

        return pending.Completion.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stop.CancelAsync().ConfigureAwait(false);
        await _worker.ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task WorkAsync(CancellationToken stop)
    {
        var backlog = new List<Pending>();
        try
        {
            while (backlog.Count > 0 || await _queue.Reader.WaitToReadAsync(stop).ConfigureAwait(false))
            {
                while (_queue.Reader.TryRead(out var next))
                {
                    backlog.Add(next);
                }

                backlog.RemoveAll(p => p.Completion.Task.IsCompleted);
                if (backlog.Count == 0)
                {
                    continue;
                }

                var settings = backlog[0].Settings;
                var batch = backlog.Where(p => p.Settings == settings).Take(_maxBatch).ToList();
                backlog.RemoveAll(batch.Contains);
                await RunAsync(batch, settings, stop).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }

        var disposed = new ObjectDisposedException(nameof(GenerationQueue), "the translation model was disposed before this sentence ran");
        backlog.ForEach(p => p.Fail(disposed));
        while (_queue.Reader.TryRead(out var left))
        {
            left.Fail(disposed);
        }
    }

    private async Task RunAsync(List<Pending> batch, GenerationSettings settings, CancellationToken stop)
    {
        try
        {
            var results = await BeamSearch.RunAsync(_decoder, [.. batch.Select(p => p.Input)], settings, _tokens, stop).ConfigureAwait(false);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Completion.TrySetResult(results[i]);
                batch[i].Registration.Dispose();
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A failed batch fails its callers, never the worker that serves everyone else.
            if (!stop.IsCancellationRequested)
            {
                Log.BatchFailed(_logger, e, batch.Count, _decoder.Path);
            }

            batch.ForEach(p => p.Fail(stop.IsCancellationRequested ? new ObjectDisposedException(nameof(GenerationQueue), "the translation model was disposed while this sentence ran") : e));
        }
    }

    private sealed class Pending(SearchInput input, GenerationSettings settings)
    {
        public SearchInput Input { get; } = input;

        public GenerationSettings Settings { get; } = settings;

        public TaskCompletionSource<Hypothesis> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CancellationTokenRegistration Registration { get; set; }

        public void Fail(Exception e)
        {
            Completion.TrySetException(e);
            Registration.Dispose();
        }
    }
}
