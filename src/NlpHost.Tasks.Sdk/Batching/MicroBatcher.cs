using System.Threading.Channels;

namespace NlpHost.Tasks.Sdk.Batching;

/// <summary>
/// Coalesces items from all concurrent callers into batches for one model: a single worker takes everything queued,
/// optionally holds them back a moment for more (<see cref="MicroBatcherOptions.Hold"/>), asks the grouping rule which of the
/// waiting items run together next, runs them and completes each caller with its result. A caller that cancels leaves
/// the queue at once; a failed batch fails its callers, never the worker; on disposal every item still waiting fails
/// with <see cref="ObjectDisposedException"/> (none is stranded). The backbone's scheduler and the translation decoder
/// loop both run on it; only their grouping rules differ.
/// </summary>
/// <typeparam name="TItem">What a caller hands in.</typeparam>
/// <typeparam name="TResult">What a caller gets back.</typeparam>
public sealed class MicroBatcher<TItem, TResult> : IAsyncDisposable
{
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<IReadOnlyList<TItem>, CancellationToken, Task<IReadOnlyList<TResult>>> _run;
    private readonly Func<IReadOnlyList<TItem>, IReadOnlyList<int>> _next;
    private readonly Action<Exception, int>? _failed;
    private readonly string _what;
    private readonly MicroBatcherOptions _options;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _worker;

    /// <summary>Starts the worker.</summary>
    /// <param name="run">Runs one batch; returns one result per item, in order. Its token fires on disposal.</param>
    /// <param name="next">The grouping rule: indices (into the waiting items, oldest first) of the next batch; never empty.</param>
    /// <param name="failed">Told of a batch that threw (and its size), e.g. to log it; not called on disposal.</param>
    /// <param name="what">What the items wait for, for messages: "the translation model".</param>
    public MicroBatcher(Func<IReadOnlyList<TItem>, CancellationToken, Task<IReadOnlyList<TResult>>> run, Func<IReadOnlyList<TItem>, IReadOnlyList<int>> next,
        Action<Exception, int>? failed, string what)
        : this(run, next, failed, what, new MicroBatcherOptions())
    {
    }

    /// <summary>Starts the worker with how it looks at and waits for the queued items.</summary>
    /// <param name="run">Runs one batch; returns one result per item, in order. Its token fires on disposal.</param>
    /// <param name="next">The grouping rule: indices (into the waiting items, oldest first) of the next batch; never empty.</param>
    /// <param name="failed">Told of a batch that threw (and its size), e.g. to log it; not called on disposal.</param>
    /// <param name="what">What the items wait for, for messages: "the backbone".</param>
    /// <param name="options">Lookahead and hold; see <see cref="MicroBatcherOptions"/>.</param>
    public MicroBatcher(Func<IReadOnlyList<TItem>, CancellationToken, Task<IReadOnlyList<TResult>>> run, Func<IReadOnlyList<TItem>, IReadOnlyList<int>> next,
        Action<Exception, int>? failed, string what, MicroBatcherOptions options)
    {
        _run = run ?? throw new ArgumentNullException(nameof(run));
        _next = next ?? throw new ArgumentNullException(nameof(next));
        _failed = failed;
        _what = what;
        _options = options ?? throw new ArgumentNullException(nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Lookahead, 1, nameof(options));
        _worker = Task.Run(() => WorkAsync(_stop.Token));
    }

    /// <summary>Queues one item; completes with its result, or cancelled when <paramref name="cancellationToken"/> fires first.</summary>
    /// <exception cref="ObjectDisposedException">The batcher has been disposed.</exception>
    public Task<TResult> EnqueueAsync(TItem item, CancellationToken cancellationToken)
    {
        var pending = new Pending(item);
        pending.Registration = cancellationToken.Register(() => pending.Completion.TrySetCanceled(cancellationToken));
        if (!_queue.Writer.TryWrite(pending))
        {
            pending.Registration.Dispose();
            throw new ObjectDisposedException(_what, $"{_what} has been disposed");
        }

        return pending.Completion.Task;
    }

    /// <summary>Stops the worker; items still waiting fail with <see cref="ObjectDisposedException"/>.</summary>
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
        var lastBatch = 0;
        try
        {
            // Once stopped, nothing more runs: what is left fails below as never run.
            while (!stop.IsCancellationRequested && (backlog.Count > 0 || await _queue.Reader.WaitToReadAsync(stop).ConfigureAwait(false)))
            {
                Drain(backlog);
                if (_options.Hold > TimeSpan.Zero && lastBatch > 1 && backlog.Count < _options.Full)
                {
                    await HoldAsync(backlog, stop).ConfigureAwait(false);
                }

                backlog.RemoveAll(p => p.Completion.Task.IsCompleted);
                if (backlog.Count == 0)
                {
                    continue;
                }

                var batch = Take(backlog, _next([.. backlog.Select(p => p.Item)]));
                lastBatch = batch.Count;
                await RunAsync(batch, stop).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }

        var disposed = new ObjectDisposedException(_what, $"{_what} was disposed before this item ran");
        backlog.ForEach(p => p.Fail(disposed));
        while (_queue.Reader.TryRead(out var left))
        {
            left.Fail(disposed);
        }
    }

    /// <summary>Moves queued items into the backlog, up to the lookahead; the rest stay queued in order.</summary>
    private void Drain(List<Pending> backlog)
    {
        while (backlog.Count < _options.Lookahead && _queue.Reader.TryRead(out var next))
        {
            backlog.Add(next);
        }
    }

    /// <summary>Removes the chosen items from the backlog (in one pass: the backlog can be the whole lookahead).</summary>
    private static List<Pending> Take(List<Pending> backlog, IReadOnlyList<int> chosen)
    {
        var taken = new bool[backlog.Count];
        var batch = new List<Pending>(chosen.Count);
        foreach (var i in chosen)
        {
            if (!taken[i])
            {
                taken[i] = true;
                batch.Add(backlog[i]);
            }
        }

        var kept = 0;
        for (var i = 0; i < backlog.Count; i++)
        {
            if (!taken[i])
            {
                backlog[kept++] = backlog[i];
            }
        }

        backlog.RemoveRange(kept, backlog.Count - kept);
        return batch;
    }

    /// <summary>Waits until <see cref="MicroBatcherOptions.Full"/> items wait or the hold ends, whichever comes first.</summary>
    private async Task HoldAsync(List<Pending> backlog, CancellationToken stop)
    {
        using var ended = new CancellationTokenSource(_options.Hold, _options.Time);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(stop, ended.Token);
        try
        {
            while (backlog.Count < _options.Full && backlog.Count < _options.Lookahead && await _queue.Reader.WaitToReadAsync(wait.Token).ConfigureAwait(false))
            {
                Drain(backlog);
            }
        }
        catch (OperationCanceledException) when (!stop.IsCancellationRequested)
        {
            // The hold ended: run what is there.
        }
    }

    private async Task RunAsync(List<Pending> batch, CancellationToken stop)
    {
        try
        {
            var results = await _run([.. batch.Select(p => p.Item)], stop).ConfigureAwait(false);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Complete(results[i]);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            if (!stop.IsCancellationRequested)
            {
                _failed?.Invoke(e, batch.Count);
            }

            var reason = stop.IsCancellationRequested ? new ObjectDisposedException(_what, $"{_what} was disposed while this item ran") : e;
            batch.ForEach(p => p.Fail(reason));
        }
    }

    private sealed class Pending(TItem item)
    {
        public TItem Item { get; } = item;

        public TaskCompletionSource<TResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CancellationTokenRegistration Registration { get; set; }

        public void Complete(TResult result)
        {
            Completion.TrySetResult(result);
            Registration.Dispose();
        }

        public void Fail(Exception e)
        {
            Completion.TrySetException(e);
            Registration.Dispose();
        }
    }
}
