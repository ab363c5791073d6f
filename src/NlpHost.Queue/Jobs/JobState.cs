namespace NlpHost.Queue.Jobs;

/// <summary>Where a job is in its life. <see cref="Succeeded"/>, <see cref="Failed"/>, <see cref="Dead"/> and <see cref="Cancelled"/> are final.</summary>
public enum JobState
{
    /// <summary>Waiting for a worker; visible once its next-visible-at time has passed.</summary>
    Queued,

    /// <summary>Leased by a worker that is executing it.</summary>
    Running,

    /// <summary>Finished with a result.</summary>
    Succeeded,

    /// <summary>Failed permanently (bad input, unknown task): retrying cannot help.</summary>
    Failed,

    /// <summary>Gave up after the maximum number of attempts; <see cref="Job.Error"/> holds the last error.</summary>
    Dead,

    /// <summary>Cancelled before it finished.</summary>
    Cancelled,
}
