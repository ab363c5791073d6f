namespace NlpHost.Queue.Jobs;

/// <summary>The outcome of an enqueue.</summary>
/// <param name="Job">The stored job: the new one, or the existing one with the same idempotency key.</param>
/// <param name="Created"><see langword="false"/> when the idempotency key matched an existing job.</param>
public sealed record EnqueueResult(Job Job, bool Created);

/// <summary>The outcome of a write made by the lease holder (complete, fail, release, cancel acknowledgement).</summary>
public enum JobWriteStatus
{
    /// <summary>The write was applied.</summary>
    Applied,

    /// <summary>No job has this id.</summary>
    NotFound,

    /// <summary>The job is running under another owner: this caller's lease expired and was taken over.</summary>
    NotOwner,

    /// <summary>The job is no longer running (already completed, failed, cancelled or released); nothing was overwritten.</summary>
    NotRunning,
}

/// <summary>The outcome of a write by the lease holder, with the job's state afterwards when it was applied.</summary>
/// <param name="Status">Whether the write was applied and, if not, why.</param>
/// <param name="State">State after the write; <see langword="null"/> unless applied.</param>
public readonly record struct JobWriteResult(JobWriteStatus Status, JobState? State = null)
{
    /// <summary>Whether the write was applied.</summary>
    public bool Applied => Status == JobWriteStatus.Applied;
}

/// <summary>The outcome of a lease renewal (heartbeat).</summary>
/// <param name="Held">The caller still owns the running job; when <see langword="false"/>, stop and write nothing.</param>
/// <param name="CancellationRequested">Someone asked to cancel the job; stop and acknowledge.</param>
public readonly record struct LeaseRenewal(bool Held, bool CancellationRequested);

/// <summary>The outcome of a cancel.</summary>
public enum CancelOutcome
{
    /// <summary>The job was queued and is now cancelled.</summary>
    Cancelled,

    /// <summary>The job is running; its worker sees the request on its next heartbeat and stops.</summary>
    CancellationRequested,

    /// <summary>The job had already reached a final state.</summary>
    AlreadyFinal,

    /// <summary>No job has this id.</summary>
    NotFound,
}
