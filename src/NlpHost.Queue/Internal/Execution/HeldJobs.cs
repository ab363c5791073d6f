using System.Collections.Concurrent;
using System.Threading.Channels;
using NlpHost.Queue.Jobs;

namespace NlpHost.Queue.Internal.Execution;

/// <summary>
/// The jobs one worker holds: running in its <see cref="WorkerOptions.Concurrency"/> slots, plus up to
/// <see cref="WorkerOptions.PrefetchCount"/> leased ahead and waiting, in lease order, for a slot. The dispatcher asks for
/// more only once a refill's worth of room is free (or a slot would idle), so a busy worker leases in batches instead
/// of one job per finished job; the heartbeat renews every held lease, waiting ones included.
/// </summary>
internal sealed class HeldJobs(WorkerOptions options)
{
    private readonly Channel<HeldLease> _waiting = Channel.CreateUnbounded<HeldLease>(new UnboundedChannelOptions { SingleWriter = true });
    private readonly ConcurrentDictionary<string, HeldLease> _held = new(StringComparer.Ordinal);
    private readonly int _capacity = options.Concurrency + options.PrefetchCount;
    private readonly int _refillAt = Math.Clamp((options.PrefetchCount + 1) / 2, 1, options.LeaseBatchSize);
    private readonly Lock _gate = new();
    private int _count;
    private int _waitingCount;
    private bool _closed;

    /// <summary>Pulsed when a job starts or finishes: room for the dispatcher may have opened.</summary>
    public JobSignal Changed { get; } = new();

    /// <summary>How many jobs to lease now: 0 until a refill's worth of room is free or no job waits for a slot.</summary>
    public int WantedNow()
    {
        var room = _capacity - Volatile.Read(ref _count);
        return room > 0 && (room >= _refillAt || Volatile.Read(ref _waitingCount) == 0) ? Math.Min(room, options.LeaseBatchSize) : 0;
    }

    /// <summary>Holds freshly leased jobs, in lease order, until a slot takes them.</summary>
    public void Add(IReadOnlyList<Job> jobs, string owner)
    {
        foreach (var job in jobs)
        {
            var lease = new HeldLease(job, owner);
            _held[job.Id] = lease;
            Interlocked.Increment(ref _count);
            Interlocked.Increment(ref _waitingCount);
            _waiting.Writer.TryWrite(lease);
        }
    }

    /// <summary>The next waiting job for a slot, or <see langword="null"/> once the worker stops (waiting jobs are then released, not run).</summary>
    public async Task<HeldLease?> TakeAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _waiting.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return null;
            }

            lock (_gate)
            {
                if (_closed)
                {
                    return null;
                }

                if (_waiting.Reader.TryRead(out var lease))
                {
                    Interlocked.Decrement(ref _waitingCount);
                    Changed.Pulse();
                    return lease;
                }
            }
        }

        return null;
    }

    /// <summary>The job has its outcome (or was released): it is no longer held.</summary>
    public void Finish(HeldLease lease)
    {
        if (_held.TryRemove(new KeyValuePair<string, HeldLease>(lease.Job.Id, lease)))
        {
            Interlocked.Decrement(ref _count);
            Changed.Pulse();
        }
    }

    /// <summary>Every held lease, for one heartbeat.</summary>
    public IReadOnlyList<HeldLease> Snapshot() => [.. _held.Values];

    /// <summary>Stops slots taking waiting jobs and returns those jobs, to be released so other hosts run them at once.</summary>
    public IReadOnlyList<HeldLease> CloseWaiting()
    {
        var waiting = new List<HeldLease>();
        lock (_gate)
        {
            _closed = true;
            while (_waiting.Reader.TryRead(out var lease))
            {
                waiting.Add(lease);
            }

            Interlocked.Add(ref _waitingCount, -waiting.Count);
        }

        return waiting;
    }
}
