using Microsoft.Extensions.Logging;
using NlpHost.Queue.Jobs;

namespace NlpHost.Queue.Internal;

internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Job worker {WorkerId} started with {Concurrency} slots, prefetching up to {Prefetch} jobs")]
    public static partial void WorkerStarted(ILogger logger, string workerId, int concurrency, int prefetch);

    [LoggerMessage(2, LogLevel.Information, "Job worker stopping: no new leases; running jobs have {GraceSeconds}s to finish before they are released")]
    public static partial void WorkerStopping(ILogger logger, double graceSeconds);

    [LoggerMessage(3, LogLevel.Warning, "Leasing a job failed; retrying after a pause")]
    public static partial void LeaseFailed(ILogger logger, Exception exception);

    [LoggerMessage(4, LogLevel.Information, "Job {JobId} ({Task}) started, attempt {Attempt} of {MaxAttempts}")]
    public static partial void JobStarted(ILogger logger, string jobId, string task, int attempt, int maxAttempts);

    [LoggerMessage(5, LogLevel.Information, "Job {JobId} ({Task}) succeeded in {ElapsedMs:F0} ms")]
    public static partial void JobSucceeded(ILogger logger, string jobId, string task, double elapsedMs);

    [LoggerMessage(6, LogLevel.Warning, "Job {JobId}: result not written ({Status}); another delivery owns or finished the job")]
    public static partial void ResultDiscarded(ILogger logger, string jobId, JobWriteStatus status);

    [LoggerMessage(7, LogLevel.Warning, "Job {JobId}: transient fault on attempt {Attempt}, retrying in {Delay}: {Error}")]
    public static partial void JobRetrying(ILogger logger, string jobId, int attempt, TimeSpan delay, string? error);

    [LoggerMessage(8, LogLevel.Warning, "Job {JobId}: attempt {Attempt} failed, queued again for {RetryAt:O}: {Error}")]
    public static partial void JobRetryScheduled(ILogger logger, string jobId, int attempt, DateTimeOffset retryAt, string error);

    [LoggerMessage(9, LogLevel.Error, "Job {JobId} ({Task}) is dead after {Attempts} attempts: {Error}")]
    public static partial void JobDead(ILogger logger, string jobId, string task, int attempts, string error);

    [LoggerMessage(10, LogLevel.Warning, "Job {JobId} ({Task}) failed permanently: {Error}")]
    public static partial void JobFailed(ILogger logger, string jobId, string task, string error);

    [LoggerMessage(11, LogLevel.Information, "Job {JobId} cancelled")]
    public static partial void JobCancelled(ILogger logger, string jobId);

    [LoggerMessage(12, LogLevel.Information, "Job {JobId} released to the queue ({Reason}), visible at {VisibleAt:O}")]
    public static partial void JobReleased(ILogger logger, string jobId, string reason, DateTimeOffset visibleAt);

    [LoggerMessage(13, LogLevel.Warning, "Job {JobId}: lease lost; execution stopped and nothing will be written")]
    public static partial void LeaseLost(ILogger logger, string jobId);

    [LoggerMessage(14, LogLevel.Warning, "Heartbeat for {Count} held jobs failed; their leases are kept until they expire")]
    public static partial void HeartbeatFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(15, LogLevel.Error, "Job {JobId}: storing the outcome failed; the job is redelivered when its lease expires")]
    public static partial void OutcomeWriteFailed(ILogger logger, string jobId, Exception exception);

    [LoggerMessage(16, LogLevel.Warning, "Sampling queue depth failed")]
    public static partial void DepthSampleFailed(ILogger logger, Exception exception);

    [LoggerMessage(17, LogLevel.Error, "Job {JobId}: unexpected fault in the worker; the job is redelivered when its lease expires")]
    public static partial void SlotFault(ILogger logger, string jobId, Exception exception);

    [LoggerMessage(18, LogLevel.Error, "Storing {Count} results failed; those jobs are redelivered when their leases expire")]
    public static partial void CompletionsWriteFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(19, LogLevel.Information, "Retention deleted {Count} {State} jobs finished before {Cutoff:O}")]
    public static partial void RetentionDeleted(ILogger logger, long count, string state, DateTimeOffset cutoff);

    [LoggerMessage(20, LogLevel.Warning, "Retention pass failed; it runs again at the next interval")]
    public static partial void RetentionFailed(ILogger logger, Exception exception);

    [LoggerMessage(21, LogLevel.Information, "Worker stopping: released {Released} of {Count} prefetched jobs no slot had started")]
    public static partial void PrefetchReleased(ILogger logger, int released, int count);

    [LoggerMessage(22, LogLevel.Warning, "Releasing {Count} prefetched jobs failed; they are redelivered when their leases expire")]
    public static partial void PrefetchReleaseFailed(ILogger logger, int count, Exception exception);
}
