namespace NlpHost.Tasks.Sdk.Batching;

/// <summary>How a <see cref="MicroBatcher{TItem, TResult}"/> looks at and waits for the items queued for it.</summary>
public sealed record MicroBatcherOptions
{
    /// <summary>
    /// How many waiting items, oldest first, the grouping rule is shown at once. The rest stay queued in order, so a
    /// caller that queues a hundred thousand items costs each batch no more than this many. Default 1,024.
    /// </summary>
    public int Lookahead { get; init; } = 1024;

    /// <summary>
    /// How long the worker may hold the waiting items back for more to arrive before it picks a batch. It holds only
    /// after a batch of more than one item (concurrent traffic), so a lone sequential caller never pays it. Default zero.
    /// </summary>
    public TimeSpan Hold { get; init; }

    /// <summary>How many waiting items end a hold at once (typically the batch size). Default: only the hold's end.</summary>
    public int Full { get; init; } = int.MaxValue;

    /// <summary>The clock the hold is measured on.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
