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
}
