namespace NlpHost.Queue;

/// <summary>How the background worker runs jobs. Bound from the <c>Worker</c> section and validated on start.</summary>
public sealed class WorkerOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Worker";

    /// <summary>
    /// The default of <see cref="PrefetchCount"/>: off. A prefetched job is <c>running</c> (leased) while it waits, so the
    /// API and dashboard would show a job behind a busy slot as running rather than queued, its cancellation would take
    /// a heartbeat instead of being immediate, and on a fleet one host would hold jobs another could start. Hosts that
    /// run light tasks in bulk turn it on (64: docs/benchmarks.md, the queue curve).
    /// </summary>
    public const int DefaultPrefetchCount = 0;

    /// <summary><c>Worker:Concurrency</c>: jobs run at once by this host. Default 2.</summary>
    public int Concurrency { get; set; } = 2;

    /// <summary><c>Worker:LeaseSeconds</c>: how long a lease lasts without a heartbeat; a lost worker's job is redelivered after it. Default 60.</summary>
    public double LeaseSeconds { get; set; } = 60;

    /// <summary><c>Worker:HeartbeatSeconds</c>: how often a running job's lease is renewed and its progress stored; less than the lease. Default 15.</summary>
    public double HeartbeatSeconds { get; set; } = 15;

    /// <summary>
    /// <c>Worker:PollMilliseconds</c>: wait between polls when the queue is empty. With <see cref="Notifications"/> on it is
    /// only the fallback (jobs retried after a backoff, a missed notification, SQLite jobs submitted by another process). Default 1000.
    /// </summary>
    public int PollMilliseconds { get; set; } = 1000;

    /// <summary>
    /// <c>Worker:Notifications</c>: wake idle slots when jobs are enqueued instead of waiting for the next poll: PostgreSQL
    /// LISTEN/NOTIFY from any host; on SQLite only for jobs submitted through this process (HTTP API). Default true.
    /// </summary>
    public bool Notifications { get; set; } = true;

    /// <summary><c>Worker:LeaseBatchSize</c>: most jobs leased in one round trip; never more than the free slots. Default 32.</summary>
    public int LeaseBatchSize { get; set; } = 32;

    /// <summary>
    /// <c>Worker:PrefetchCount</c>: jobs leased ahead of free slots and held until a slot frees, so a busy worker leases in
    /// batches (refilling once half of it, at most <see cref="LeaseBatchSize"/>, is free) rather than a job per finished
    /// job. Their leases are renewed by the heartbeat while they wait; on shutdown they are released at once. 0 leases
    /// only for free slots. A held job waits for the slots to work through the jobs ahead of it, so keep it near what
    /// the slots finish in a second or two, and 0 for long jobs (they would wait on one host while another idles).
    /// Default <see cref="DefaultPrefetchCount"/> (0).
    /// </summary>
    public int PrefetchCount { get; set; } = DefaultPrefetchCount;

    /// <summary>
    /// <c>Worker:PrefetchWaitSeconds</c>: caps the prefetch at what the slots finish in this time, from the mean time recent
    /// jobs held a slot; until a job has finished nothing is prefetched. Keeps held jobs short of a long wait (a killed
    /// host burns an attempt of each job it held) while light jobs still fill <see cref="PrefetchCount"/>. Default 1.
    /// </summary>
    public double PrefetchWaitSeconds { get; set; } = 1;

    /// <summary>
    /// <c>Worker:CompletionBatchSize</c>: most results written in one transaction. Results that finish while one write is
    /// in flight go in the next (no timer waits for a batch to fill). Default 256.
    /// </summary>
    public int CompletionBatchSize { get; set; } = 256;

    /// <summary><c>Worker:MaxAttempts</c>: most attempts this worker gives any job (the job's own limit may be lower). Default 5.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary><c>Worker:BackoffBaseSeconds</c>: first retry delay; doubles per attempt, with jitter. Default 2.</summary>
    public double BackoffBaseSeconds { get; set; } = 2;

    /// <summary><c>Worker:BackoffMaxSeconds</c>: longest retry delay. Default 300.</summary>
    public double BackoffMaxSeconds { get; set; } = 300;

    /// <summary><c>Worker:JobTimeoutSeconds</c>: longest one attempt may run; a timeout is a transient fault. Default 600.</summary>
    public double JobTimeoutSeconds { get; set; } = 600;

    /// <summary><c>Worker:ShutdownGraceSeconds</c>: on shutdown, how long running jobs may finish before they are released to the queue. Default 20.</summary>
    public double ShutdownGraceSeconds { get; set; } = 20;

    /// <summary><c>Worker:BreakerFailureRatio</c>: share of failed attempts (transient faults, timeouts) that opens the circuit. Default 0.5.</summary>
    public double BreakerFailureRatio { get; set; } = 0.5;

    /// <summary><c>Worker:BreakerMinimumThroughput</c>: attempts within 30 seconds before the circuit may open. Default 10.</summary>
    public int BreakerMinimumThroughput { get; set; } = 10;

    /// <summary><c>Worker:BreakerBreakSeconds</c>: how long the circuit stays open; jobs leased meanwhile go back to the queue for this long. Default 15.</summary>
    public double BreakerBreakSeconds { get; set; } = 15;

    /// <summary><c>Worker:WorkerId</c>: names this worker in lease owners. Default machine name and process id.</summary>
    public string WorkerId { get; set; } = $"{Environment.MachineName}:{Environment.ProcessId}";
}
