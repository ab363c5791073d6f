using System.Collections.Concurrent;
using System.Threading.Channels;
using NlpHost.Queue.Jobs;

namespace NlpHost.Queue.Internal.Execution;

/// <summary>
/// The jobs one worker holds: running in its <see cref="WorkerOptions.Concurrency"/> slots, plus up to
/// <see cref="WorkerOptions.PrefetchCount"/> leased ahead and waiting, in lease order, for a slot. The dispatcher asks for
/// more only once a refill's worth of room is free (or a slot would idle), so a busy worker leases in batches instead
/// of one job per finished job; the heartbeat renews every held lease, waiting ones included.
/// The prefetch is also capped at what the slots finish within <see cref="WorkerOptions.PrefetchWaitSeconds"/>, from
/// the mean time recent jobs held a slot (none before the first job finishes): a prefetched job counts an attempt when
/// leased, so a host killed while holding jobs it would not reach for a long time would burn their attempts (bench/queue-soak.sh
/// made jobs dead that way), and on a fleet they would wait while another host idles.
/// </summary>
internal sealed class HeldJobs(WorkerOptions options, TimeProvider time)
{
    // Weight of the newest job in the mean slot time: about the last ten jobs count.
    private const double Smoothing = 0.1;
    private readonly Channel<HeldLease> _waiting = Channel.CreateUnbounded<HeldLease>(new UnboundedChannelOptions { SingleWriter = true });
    // By lease, not job id: a job whose lease this worker lost may come back to it in a later lease round while the
    // earlier delivery is still winding down.
    private readonly ConcurrentDictionary<HeldLease, byte> _held = new();
    private readonly Lock _gate = new();
    private double _meanSlotSeconds = double.NaN;
    private int _count;
    private int _waitingCount;
    private bool _closed;

    /// <summary>Held jobs waiting for a slot (prefetched).</summary>
    public int Waiting => Volatile.Read(ref _waitingCount);

    /// <summary>Held jobs a slot has taken and not yet finished.</summary>
    public int Running => Math.Max(0, Volatile.Read(ref _count) - Waiting);

    /// <summary>Pulsed when a job starts or finishes: room for the dispatcher may have opened.</summary>
    public JobSignal Changed { get; } = new();

    /// <summary>How many jobs to lease now: 0 until a refill's worth of room is free or no job waits for a slot.</summary>
    public int WantedNow()
    {
        var prefetch = PrefetchNow();
        var room = options.Concurrency + prefetch - Volatile.Read(ref _count);
        var refillAt = Math.Clamp((prefetch + 1) / 2, 1, options.LeaseBatchSize);
        return room > 0 && (room >= refillAt || Waiting == 0) ? Math.Min(room, options.LeaseBatchSize) : 0;
    }

    /// <summary>How many jobs may wait now: what the slots finish within the wait bound, at most the prefetch count.</summary>
    public int PrefetchNow()
    {
        double mean;
        lock (_gate)
        {
            mean = _meanSlotSeconds;
        }

        if (options.PrefetchCount == 0 || double.IsNaN(mean))
        {
            return 0;
        }

        var fits = options.Concurrency * options.PrefetchWaitSeconds / Math.Max(mean, 1e-6);
        return (int)Math.Min(options.PrefetchCount, Math.Floor(fits));
    }

    /// <summary>Holds freshly leased jobs, in lease order, until a slot takes them.</summary>
    public void Add(IReadOnlyList<Job> jobs, string owner)
    {
        foreach (var job in jobs)
        {
            var lease = new HeldLease(job, owner, RecordSlotTime);
            _held[lease] = 0;
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
                    lease.TakenAt = time.GetTimestamp();
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
        if (_held.TryRemove(lease, out _))
        {
            Interlocked.Decrement(ref _count);
            Changed.Pulse();
        }
    }

    // At the end of the execution, before its outcome is written: the next lease already sees it.
    private void RecordSlotTime(HeldLease lease)
    {
        if (lease.TakenAt is not { } taken)
        {
            return;
        }

        var seconds = time.GetElapsedTime(taken).TotalSeconds;
        lock (_gate)
        {
            _meanSlotSeconds = double.IsNaN(_meanSlotSeconds) ? seconds : _meanSlotSeconds + (Smoothing * (seconds - _meanSlotSeconds));
        }
    }

    /// <summary>Every held lease, for one heartbeat.</summary>
    public IReadOnlyList<HeldLease> Snapshot() => [.. _held.Keys];

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
