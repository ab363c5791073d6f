using NlpHost.Queue.Jobs;

namespace NlpHost.Queue.Internal.Execution;

internal enum LeaseStopReason
{
    None,
    LeaseLost,
    CancellationRequested,
}

/// <summary>
/// One job this worker holds under its lease: prefetched and waiting for a slot, then running. The worker's heartbeat
/// renews it and may stop it (lease lost, cancellation requested): a waiting job is then never started, a running one
/// has its execution cancelled, so a job that another worker took over is never written twice.
/// </summary>
/// <param name="job">The leased job.</param>
/// <param name="owner">Its lease owner.</param>
/// <param name="executed">Called once when its execution is over (<see cref="Detach"/>), before its outcome is written.</param>
internal sealed class HeldLease(Job job, string owner, Action<HeldLease>? executed = null)
{
    private readonly Lock _gate = new();
    private CancellationTokenSource? _execution;
    private bool _begun;
    private bool _settled;
    private bool _detached;

    public Job Job { get; } = job;

    public string Owner { get; } = owner;

    public JobLease Lease => new(Job.Id, Owner);

    /// <summary>The latest progress of the running job, stored on the next heartbeat.</summary>
    public ProgressBuffer Progress { get; } = new();

    public LeaseStopReason StopReason { get; private set; }

    /// <summary>When a slot took the job (<see cref="TimeProvider.GetTimestamp"/>); <see langword="null"/> while it waits.</summary>
    public long? TakenAt { get; set; }

    /// <summary>Starts the execution under <paramref name="execution"/>, which a stop cancels.</summary>
    /// <returns><see langword="false"/> when the job was stopped while it waited: run nothing, settle <see cref="StopReason"/>.</returns>
    public bool Begin(CancellationTokenSource execution)
    {
        lock (_gate)
        {
            _execution = execution;
            _begun = StopReason == LeaseStopReason.None;
            return _begun;
        }
    }

    /// <summary>
    /// Claims the settling of a job stopped before it began (cancelled or lost while it waited): the heartbeat that
    /// stopped it and the slot that reaches it may both try; one wins, so its outcome is written and logged once.
    /// </summary>
    public bool TryClaimSettlement()
    {
        lock (_gate)
        {
            if (_begun || _settled || StopReason == LeaseStopReason.None)
            {
                return false;
            }

            _settled = true;
            return true;
        }
    }

    /// <summary>Stops the job for <paramref name="reason"/>: <see cref="MarkStopped"/>, then <see cref="CancelExecution"/>.</summary>
    public void Stop(LeaseStopReason reason)
    {
        if (MarkStopped(reason))
        {
            CancelExecution();
        }
    }

    /// <summary>Records why the job must stop; the first reason wins, and nothing changes once the execution is over.</summary>
    /// <returns><see langword="true"/> when this call set the reason.</returns>
    public bool MarkStopped(LeaseStopReason reason)
    {
        lock (_gate)
        {
            if (_detached || StopReason != LeaseStopReason.None)
            {
                return false;
            }

            StopReason = reason;
            return true;
        }
    }

    /// <summary>
    /// Cancels a running execution. Asynchronously: a synchronous cancel would run the job's continuations on the
    /// caller's thread, and with them the slot's next job, before the caller has marked that one stopped too.
    /// </summary>
    public void CancelExecution()
    {
        lock (_gate)
        {
            if (!_detached)
            {
                _ = _execution?.CancelAsync();
            }
        }
    }

    /// <summary>The execution is over: its outcome is decided by what <see cref="StopReason"/> is now, and its token source may be disposed.</summary>
    public void Detach()
    {
        lock (_gate)
        {
            if (_detached)
            {
                return;
            }

            _detached = true;
            _execution = null;
        }

        executed?.Invoke(this);
    }
}
