using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using NlpHost.Abstractions.Backbone;

namespace NlpHost.Inference.Internal;

/// <summary>
/// Coalesces sequences from all concurrent callers into batches for the one encoder session. A worker takes what
/// is queued, waits up to <see cref="BackboneOptions.MaxBatchWaitMilliseconds"/> for more when the previous batch
/// showed concurrent traffic (a lone sequential caller pays no wait), sorts by length to limit padding and runs
/// chunks of <see cref="BackboneOptions.MaxBatchSize"/>. Cancelled sequences are dropped before they run.
/// </summary>
internal sealed class BatchScheduler : IAsyncDisposable
{
    private readonly Channel<PendingSequence> _queue = Channel.CreateUnbounded<PendingSequence>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<IReadOnlyList<PendingSequence>, EncodedSequence[]> _run;
    private readonly ILogger _logger;
    private readonly int _maxBatch;
    private readonly long _waitTicks;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _worker;

    public BatchScheduler(Func<IReadOnlyList<PendingSequence>, EncodedSequence[]> run, int maxBatch, int maxWaitMilliseconds, ILogger logger)
    {
        _run = run;
        _maxBatch = maxBatch;
        _waitTicks = maxWaitMilliseconds * Stopwatch.Frequency / 1000;
        _logger = logger;
        _worker = Task.Run(() => WorkAsync(_stop.Token));
    }

    /// <summary>Queues one sequence; completes with its hidden states, or cancelled when the token fires first.</summary>
    public Task<HiddenStates> Enqueue(EncoderInput input, CancellationToken cancellationToken) => LastOf(Enqueue(input, 0, cancellationToken));

    /// <summary>Queues one sequence whose states after <paramref name="layer"/> (1-based; 0 = none) are wanted too.</summary>
    public Task<EncodedSequence> Enqueue(EncoderInput input, int layer, CancellationToken cancellationToken)
    {
        var pending = new PendingSequence(input, layer, cancellationToken);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(BatchScheduler), "the backbone has been disposed");
        }

        return pending.Task;
    }

    private static async Task<HiddenStates> LastOf(Task<EncodedSequence> pending) => (await pending.ConfigureAwait(false)).Last;

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stop.CancelAsync().ConfigureAwait(false);
        await _worker.ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task WorkAsync(CancellationToken stop)
    {
        var batch = new List<PendingSequence>();
        var lastBatchSize = 0;
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stop).ConfigureAwait(false))
            {
                batch.Clear();
                await CollectAsync(batch, lastBatchSize > 1 ? _waitTicks : 0, stop).ConfigureAwait(false);
                batch.RemoveAll(p => p.TryDropIfCancelled());
                lastBatchSize = batch.Count;
                batch.Sort((a, b) => a.Input.Ids.Length.CompareTo(b.Input.Ids.Length));
                for (var start = 0; start < batch.Count; start += _maxBatch)
                {
                    RunChunk(batch.GetRange(start, Math.Min(_maxBatch, batch.Count - start)));
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }

        // Sequences already taken into a batch when the stop came, and any still queued: fail them, never strand them.
        // Completed ones are unaffected (completion is set once).
        var disposed = new ObjectDisposedException(nameof(BatchScheduler), "the backbone was disposed before this sequence ran");
        batch.ForEach(p => p.Fail(disposed));
        while (_queue.Reader.TryRead(out var left))
        {
            left.Fail(disposed);
        }
    }

    private async Task CollectAsync(List<PendingSequence> batch, long waitTicks, CancellationToken stop)
    {
        var deadline = Stopwatch.GetTimestamp() + waitTicks;
        while (true)
        {
            // Drain everything already queued (several batches' worth) so sorting by length can group it well.
            while (batch.Count < _maxBatch * 8 && _queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            var remaining = deadline - Stopwatch.GetTimestamp();
            if (batch.Count >= _maxBatch || remaining <= 0)
            {
                return;
            }

            using var wait = CancellationTokenSource.CreateLinkedTokenSource(stop);
            wait.CancelAfter(TimeSpan.FromTicks(remaining * TimeSpan.TicksPerSecond / Stopwatch.Frequency));
            try
            {
                if (!await _queue.Reader.WaitToReadAsync(wait.Token).ConfigureAwait(false))
                {
                    return;
                }
            }
            catch (OperationCanceledException) when (!stop.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private void RunChunk(List<PendingSequence> chunk)
    {
        chunk.RemoveAll(p => p.TryDropIfCancelled());
        if (chunk.Count == 0)
        {
            return;
        }

        try
        {
            var states = _run(chunk);
            for (var i = 0; i < chunk.Count; i++)
            {
                chunk[i].Complete(states[i]);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A failed run must fail its callers, not the worker that serves everyone else.
            Log.BatchFailed(_logger, e, chunk.Count);
            chunk.ForEach(p => p.Fail(e));
        }
    }
}
