using System.Text.Json;
using NlpHost.Abstractions.Plugins;
using NlpHost.Queue.Jobs;

namespace NlpHost.Queue;

/// <summary>
/// Durable job queue shared by every host that points at the same database. Writes by a worker take effect only while
/// it owns the job's lease and the job is running, so a result is written once even when a job is delivered twice.
/// </summary>
public interface IJobStore
{
    /// <summary>Creates or migrates the schema. Idempotent and safe when several hosts start at once.</summary>
    Task InitializeAsync(CancellationToken cancellationToken = default);

    /// <summary>Enqueues a job, or returns the existing one with the same idempotency key.</summary>
    /// <exception cref="ArgumentException">The request has no task, no input or an invalid attempt limit.</exception>
    Task<EnqueueResult> EnqueueAsync(JobRequest request, CancellationToken cancellationToken = default);

    /// <summary>Enqueues several jobs in one transaction: all are stored or none.</summary>
    Task<IReadOnlyList<EnqueueResult>> EnqueueBatchAsync(IReadOnlyList<JobRequest> requests, CancellationToken cancellationToken = default);

    /// <summary>Gets a job, or <see langword="null"/> when no job has this id.</summary>
    Task<Job?> GetAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Lists jobs in a state, oldest first.</summary>
    /// <param name="state">State to list.</param>
    /// <param name="offset">Jobs to skip.</param>
    /// <param name="limit">Page size, 1 to 1000.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    Task<IReadOnlyList<Job>> ListAsync(JobState state, int offset, int limit, CancellationToken cancellationToken = default);

    /// <summary>Records that a worker is alive, what it runs and which tasks it serves.</summary>
    Task ReportWorkerAsync(WorkerReport report, CancellationToken cancellationToken = default);

    /// <summary>The workers that reported within <paramref name="seenWithin"/>, with the tasks they serve.</summary>
    Task<IReadOnlyList<LiveWorker>> ListLiveWorkersAsync(TimeSpan seenWithin, CancellationToken cancellationToken = default);

    /// <summary>Counts jobs per state; states without jobs count 0.</summary>
    Task<IReadOnlyDictionary<JobState, long>> CountByStateAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Atomically leases the next available job for <paramref name="owner"/>: the highest-priority, oldest queued job that is
    /// visible, or a running job whose lease expired (its worker was lost). Counts an attempt.
    /// </summary>
    /// <returns>The leased job, now running, or <see langword="null"/> when none is available.</returns>
    Task<Job?> LeaseAsync(string owner, TimeSpan leaseDuration, CancellationToken cancellationToken = default) =>
        LeaseAsync(owner, leaseDuration, tasks: null, cancellationToken);

    /// <summary>
    /// Leases the next available job whose task is one of <paramref name="tasks"/> (all tasks when <see langword="null"/>),
    /// so hosts of a fleet that serve different tasks only take the jobs they can run.
    /// </summary>
    Task<Job?> LeaseAsync(string owner, TimeSpan leaseDuration, IReadOnlyCollection<string>? tasks, CancellationToken cancellationToken);

    /// <summary>
    /// Leases up to <paramref name="limit"/> available jobs in one round trip, all for <paramref name="owner"/>, each with
    /// its own lease (renewed, completed and lost one by one), highest priority and oldest first. Counts an attempt each.
    /// </summary>
    /// <returns>The leased jobs, now running; empty when none is available.</returns>
    Task<IReadOnlyList<Job>> LeaseBatchAsync(
        string owner, TimeSpan leaseDuration, IReadOnlyCollection<string>? tasks, int limit, CancellationToken cancellationToken);

    /// <summary>Extends the lease, only while <paramref name="owner"/> still owns the running job.</summary>
    Task<LeaseRenewal> RenewLeaseAsync(string id, string owner, TimeSpan leaseDuration, CancellationToken cancellationToken = default);

    /// <summary>
    /// Renews many leases in one write (a worker's heartbeat for every job it holds, running or prefetched), storing each
    /// one's progress where given; each lease only while its owner still owns the running job.
    /// </summary>
    /// <returns>One renewal per heartbeat, in their order.</returns>
    Task<IReadOnlyList<LeaseRenewal>> RenewLeasesAsync(
        IReadOnlyList<JobHeartbeat> heartbeats, TimeSpan leaseDuration, CancellationToken cancellationToken = default);

    /// <summary>Counts one more attempt (an in-process retry) while <paramref name="owner"/> owns the running job.</summary>
    /// <returns><see langword="false"/> when the lease was lost.</returns>
    Task<bool> CountAttemptAsync(string id, string owner, CancellationToken cancellationToken = default);

    /// <summary>Records progress while <paramref name="owner"/> owns the running job.</summary>
    /// <returns><see langword="false"/> when the lease was lost.</returns>
    Task<bool> ReportProgressAsync(string id, string owner, TaskProgress progress, CancellationToken cancellationToken = default);

    /// <summary>Marks the job succeeded with its result. Written once: a second completion is not applied.</summary>
    Task<JobWriteResult> CompleteAsync(string id, string owner, JsonElement result, CancellationToken cancellationToken = default);

    /// <summary>
    /// Completes several jobs in one transaction, each as <see cref="CompleteAsync"/> would: a job is succeeded once this
    /// commits, and only where its owner still owns it running. Results are in the order of <paramref name="completions"/>.
    /// </summary>
    Task<IReadOnlyList<JobWriteResult>> CompleteBatchAsync(IReadOnlyList<JobCompletion> completions, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records a transient failure: the job is queued again, visible after <paramref name="retryAfter"/> (measured on the
    /// store's clock), or is dead with <paramref name="lastError"/> when <paramref name="retryAfter"/> is
    /// <see langword="null"/> or its attempts are exhausted.
    /// </summary>
    Task<JobWriteResult> FailTransientAsync(string id, string owner, string lastError, TimeSpan? retryAfter, CancellationToken cancellationToken = default);

    /// <summary>Marks the job failed for good with <paramref name="reason"/>.</summary>
    Task<JobWriteResult> FailPermanentAsync(string id, string owner, string reason, CancellationToken cancellationToken = default);

    /// <summary>
    /// Gives a running job back to the queue without counting the attempt (worker shutting down, circuit open); it is
    /// visible again after <paramref name="delay"/> (on the store's clock). A job whose cancellation was requested is cancelled instead.
    /// </summary>
    Task<JobWriteResult> ReleaseAsync(string id, string owner, TimeSpan delay, CancellationToken cancellationToken = default);

    /// <summary>
    /// Releases several leased jobs in one write, each as <see cref="ReleaseAsync"/> would (a worker shutting down gives
    /// back the jobs it prefetched but did not start). Results are in the order of <paramref name="leases"/>.
    /// </summary>
    Task<IReadOnlyList<JobWriteResult>> ReleaseBatchAsync(IReadOnlyList<JobLease> leases, TimeSpan delay, CancellationToken cancellationToken = default);

    /// <summary>Cancels a queued job at once, or asks the worker running it to stop.</summary>
    Task<CancelOutcome> CancelAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Acknowledges a requested cancellation: the running job owned by <paramref name="owner"/> becomes cancelled.</summary>
    Task<JobWriteResult> MarkCancelledAsync(string id, string owner, CancellationToken cancellationToken = default);
}
