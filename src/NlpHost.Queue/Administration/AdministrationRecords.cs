using NlpHost.Queue.Jobs;

namespace NlpHost.Queue.Administration;

/// <summary>A filter over the jobs table.</summary>
/// <param name="State">Only this state; <see langword="null"/> for all.</param>
/// <param name="Task">Only this task; <see langword="null"/> for all.</param>
/// <param name="Offset">Jobs to skip.</param>
/// <param name="Limit">Page size, 1 to 1000.</param>
public sealed record JobQuery(JobState? State = null, string? Task = null, int Offset = 0, int Limit = 50);

/// <summary>One page of jobs, newest first.</summary>
/// <param name="Jobs">The page.</param>
/// <param name="Total">Jobs matching the filter in all pages.</param>
public sealed record JobPage(IReadOnlyList<Job> Jobs, long Total);

/// <summary>A task's backlog.</summary>
/// <param name="Task">Task name.</param>
/// <param name="Queued">Jobs waiting, including those waiting out a retry backoff.</param>
/// <param name="Running">Jobs leased by a worker.</param>
/// <param name="OldestQueuedAt">Creation time of the oldest queued job, if any.</param>
public sealed record TaskBacklog(string Task, long Queued, long Running, DateTimeOffset? OldestQueuedAt);

/// <summary>Outcomes of jobs that finished within one time bucket.</summary>
/// <param name="Start">Start of the bucket.</param>
/// <param name="Succeeded">Jobs that succeeded.</param>
/// <param name="Failed">Jobs that failed or went dead.</param>
public sealed record ThroughputBucket(DateTimeOffset Start, long Succeeded, long Failed);

/// <summary>The outcome of a retry.</summary>
public enum RetryOutcome
{
    /// <summary>The job is queued again.</summary>
    Retried,

    /// <summary>The job is not failed or dead; nothing changed.</summary>
    NotRetryable,

    /// <summary>No job has this id.</summary>
    NotFound,
}

/// <summary>The outcome of a delete.</summary>
public enum DeleteOutcome
{
    /// <summary>The job is gone.</summary>
    Deleted,

    /// <summary>The job is running; cancel it first.</summary>
    Running,

    /// <summary>No job has this id.</summary>
    NotFound,
}

/// <summary>How many jobs a state holds and how old its oldest are (what retention will delete next).</summary>
/// <param name="State">The state.</param>
/// <param name="Count">Jobs in it.</param>
/// <param name="OldestCreatedAt">Creation time of its oldest job; <see langword="null"/> when empty.</param>
/// <param name="OldestFinishedAt">Earliest finishing time among its jobs (finished states only); <see langword="null"/> otherwise.</param>
public sealed record StateSummary(JobState State, long Count, DateTimeOffset? OldestCreatedAt, DateTimeOffset? OldestFinishedAt);
