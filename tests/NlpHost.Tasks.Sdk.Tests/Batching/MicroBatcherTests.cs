using Microsoft.Extensions.Time.Testing;
using NlpHost.Tasks.Sdk.Batching;

namespace NlpHost.Tasks.Sdk.Tests.Batching;

public sealed class MicroBatcherTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Waiting_items_run_together_as_the_grouping_rule_says_and_each_caller_gets_its_result()
    {
        var batches = new List<string[]>();
        var gate = new TaskCompletionSource();
        var started = new TaskCompletionSource();
        await using var batcher = new MicroBatcher<string, string>(
            async (items, _) =>
            {
                started.TrySetResult();
                await gate.Task.ConfigureAwait(false);
                lock (batches)
                {
                    batches.Add([.. items]);
                }

                return [.. items.Select(i => i.ToUpperInvariant())];
            },
            backlog => [.. Enumerable.Range(0, backlog.Count).Where(i => backlog[i][0] == backlog[0][0]).Take(2)],
            null, "the model");

        var first = batcher.EnqueueAsync("a0", CancellationToken.None);
        await started.Task.WaitAsync(Limit); // the worker has taken a0 alone and waits at the gate: the rest queue behind it
        var rest = new[] { "a1", "b1", "a2", "a3" }.Select(i => batcher.EnqueueAsync(i, CancellationToken.None)).ToList();
        gate.SetResult();
        var results = await Task.WhenAll(rest.Prepend(first)).WaitAsync(Limit);

        Assert.Equal(["A0", "A1", "B1", "A2", "A3"], results);
        Assert.Equal([["a0"], ["a1", "a2"], ["b1"], ["a3"]], batches);
    }

    [Fact]
    public async Task A_failed_batch_fails_its_callers_and_the_worker_serves_the_next()
    {
        var failures = 0;
        await using var batcher = new MicroBatcher<int, int>(
            (items, _) => items[0] < 0 ? throw new InvalidOperationException("bad batch") : Task.FromResult<IReadOnlyList<int>>([.. items]),
            backlog => [0], (_, _) => Interlocked.Increment(ref failures), "the model");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => batcher.EnqueueAsync(-1, CancellationToken.None).WaitAsync(Limit));
        var next = await batcher.EnqueueAsync(7, CancellationToken.None).WaitAsync(Limit);

        Assert.Equal("bad batch", error.Message);
        Assert.Equal(7, next);
        Assert.Equal(1, failures);
    }

    [Fact]
    public async Task A_cancelled_caller_leaves_at_once_and_disposal_fails_what_still_waits()
    {
        var gate = new TaskCompletionSource();
        var batcher = new MicroBatcher<int, int>(
            async (items, stop) =>
            {
                await gate.Task.WaitAsync(stop).ConfigureAwait(false);
                return [.. items];
            },
            backlog => [0], null, "the model");
        using var cancel = new CancellationTokenSource();

        var running = batcher.EnqueueAsync(1, CancellationToken.None);
        var cancelled = batcher.EnqueueAsync(2, cancel.Token);
        var waiting = batcher.EnqueueAsync(3, CancellationToken.None);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.WaitAsync(Limit));
        await batcher.DisposeAsync();

        var stopped = await Assert.ThrowsAsync<ObjectDisposedException>(() => running.WaitAsync(Limit));
        var stranded = await Assert.ThrowsAsync<ObjectDisposedException>(() => waiting.WaitAsync(Limit));
        Assert.Contains("the model was disposed while this item ran", stopped.Message, StringComparison.Ordinal);
        Assert.Contains("the model was disposed before this item ran", stranded.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => batcher.EnqueueAsync(4, CancellationToken.None));
    }

    [Fact]
    public async Task Under_concurrent_traffic_the_worker_holds_until_a_full_batch_waits()
    {
        var (batcher, batches, gates) = Gated(new MicroBatcherOptions { Hold = TimeSpan.FromHours(1), Full = 3, Time = new FakeTimeProvider() });
        await using var _ = batcher;

        var a0 = batcher.EnqueueAsync("a0", CancellationToken.None);
        await gates.Started(0);
        var pair = new[] { "a1", "a2" }.Select(i => batcher.EnqueueAsync(i, CancellationToken.None)).ToList();
        gates.Open(0);
        await gates.Started(1); // a batch of two: traffic is concurrent, so the next batch may be held
        var c = batcher.EnqueueAsync("c", CancellationToken.None);
        gates.Open(1);
        var rest = new[] { "d", "e" }.Select(i => batcher.EnqueueAsync(i, CancellationToken.None)).ToList();
        gates.Open(2);
        await Task.WhenAll([a0, .. pair, c, .. rest]).WaitAsync(Limit); // the clock never moved: only a full batch ended the hold

        Assert.Equal([["a0"], ["a1", "a2"], ["c", "d", "e"]], batches);
    }

    [Fact]
    public async Task A_held_batch_runs_when_the_hold_ends_and_a_lone_caller_is_never_held()
    {
        var time = new FakeTimeProvider();
        var (batcher, batches, gates) = Gated(new MicroBatcherOptions { Hold = TimeSpan.FromSeconds(1), Full = 3, Time = time });
        await using var _ = batcher;
        gates.Open(0);
        gates.Open(3);

        await batcher.EnqueueAsync("x", CancellationToken.None).WaitAsync(Limit); // no traffic yet: not held (the clock never moved)
        var a0 = batcher.EnqueueAsync("a0", CancellationToken.None);
        await gates.Started(1);
        var pair = new[] { "a1", "a2" }.Select(i => batcher.EnqueueAsync(i, CancellationToken.None)).ToList();
        gates.Open(1);
        await gates.Started(2); // a batch of two: the next one may be held
        var held = batcher.EnqueueAsync("c", CancellationToken.None);
        gates.Open(2);
        await Task.WhenAll([a0, .. pair]).WaitAsync(Limit);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!held.IsCompleted && clock.Elapsed < Limit)
        {
            time.Advance(TimeSpan.FromMilliseconds(100)); // the hold ends on this clock, not the wall's
            await Task.Yield();
        }

        await held.WaitAsync(Limit);
        Assert.Equal([["x"], ["a0"], ["a1", "a2"], ["c"]], batches);
        Assert.True(time.GetUtcNow() - time.Start >= TimeSpan.FromSeconds(1), "c ran before its hold ended");
    }

    [Fact]
    public async Task The_grouping_rule_sees_at_most_the_lookahead_and_everything_still_runs_in_order()
    {
        var seen = new List<int>();
        var gate = new TaskCompletionSource();
        var started = new TaskCompletionSource();
        await using var batcher = new MicroBatcher<int, int>(
            async (items, _) =>
            {
                started.TrySetResult();
                await gate.Task.ConfigureAwait(false);
                return [.. items];
            },
            backlog =>
            {
                seen.Add(backlog.Count);
                return [.. Enumerable.Range(0, backlog.Count)];
            },
            null, "the model", new MicroBatcherOptions { Lookahead = 3 });

        var first = batcher.EnqueueAsync(0, CancellationToken.None);
        await started.Task.WaitAsync(Limit);
        var rest = Enumerable.Range(1, 10).Select(i => batcher.EnqueueAsync(i, CancellationToken.None)).ToList();
        gate.SetResult();
        var results = await Task.WhenAll(rest.Prepend(first)).WaitAsync(Limit);

        Assert.Equal(Enumerable.Range(0, 11), results);
        Assert.Equal([1, 3, 3, 3, 1], seen);
    }

    /// <summary>A batcher whose n-th batch waits at gate n; each batch is recorded as it is let through.</summary>
    private static (MicroBatcher<string, string> Batcher, List<string[]> Batches, Gates Gates) Gated(MicroBatcherOptions options)
    {
        var batches = new List<string[]>();
        var gates = new Gates();
        var calls = 0;
        var batcher = new MicroBatcher<string, string>(
            async (items, _) =>
            {
                var call = calls++;
                gates.Start(call);
                await gates.Wait(call).ConfigureAwait(false);
                batches.Add([.. items]);
                return [.. items];
            },
            backlog => [.. Enumerable.Range(0, backlog.Count)],
            null, "the model", options);
        return (batcher, batches, gates);
    }

    private sealed class Gates
    {
        private readonly TaskCompletionSource[] _started = [.. Enumerable.Range(0, 8).Select(_ => new TaskCompletionSource())];
        private readonly TaskCompletionSource[] _open = [.. Enumerable.Range(0, 8).Select(_ => new TaskCompletionSource())];

        public void Start(int call) => _started[call].TrySetResult();

        public Task Started(int call) => _started[call].Task.WaitAsync(Limit);

        public Task Wait(int call) => _open[call].Task;

        public void Open(int call) => _open[call].TrySetResult();
    }
}
