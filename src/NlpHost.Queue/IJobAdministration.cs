using NlpHost.Queue.Administration;
using NlpHost.Queue.Jobs;

namespace NlpHost.Queue;

/// <summary>
/// What an operator does to the queue beyond submitting and running jobs: browse it, see per-task backlog and recent
/// throughput, retry a job that gave up, delete one. Implemented by the same stores as <see cref="IJobStore"/>.
/// </summary>
public interface IJobAdministration
{
    /// <summary>Jobs matching <paramref name="query"/>, newest first, with how many match in all.</summary>
    Task<JobPage> BrowseAsync(JobQuery query, CancellationToken cancellationToken = default);

    /// <summary>Queued and running jobs per task, with the oldest queued job's creation time.</summary>
    Task<IReadOnlyList<TaskBacklog>> BacklogAsync(CancellationToken cancellationToken = default);

    /// <summary>Jobs that reached succeeded, failed or dead since <paramref name="since"/>, per <paramref name="bucket"/> of finishing time.</summary>
    Task<IReadOnlyList<ThroughputBucket>> ThroughputAsync(DateTimeOffset since, TimeSpan bucket, CancellationToken cancellationToken = default);

    /// <summary>Queues a failed or dead job again with a fresh set of attempts; its last error is kept until the next outcome.</summary>
    Task<RetryOutcome> RetryAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Every state with its job count and its oldest job's creation and finishing times (states without jobs count 0).</summary>
    Task<IReadOnlyList<StateSummary>> SummaryAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes finished jobs whose finishing time is older than their state's age in <paramref name="ages"/>, in
    /// transactions of at most <paramref name="batchSize"/> jobs. One host at a time: where another host's pass is
    /// running this one deletes nothing.
    /// </summary>
    /// <returns>Jobs deleted per state.</returns>
    /// <exception cref="ArgumentException">An age is not positive, or names a state that is not final.</exception>
    Task<IReadOnlyDictionary<JobState, long>> PurgeFinishedAsync(
        IReadOnlyDictionary<JobState, TimeSpan> ages, int batchSize, CancellationToken cancellationToken = default);

    /// <summary>Deletes a job that is not running (a running job must be cancelled first, or its worker would write into nothing).</summary>
    Task<DeleteOutcome> DeleteAsync(string id, CancellationToken cancellationToken = default);
}
