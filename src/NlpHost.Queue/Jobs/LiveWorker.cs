namespace NlpHost.Queue.Jobs;

/// <summary>A worker that reported recently.</summary>
/// <param name="WorkerId">Its <c>Worker:WorkerId</c>.</param>
/// <param name="Tasks">The tasks it serves; <see langword="null"/> means any task.</param>
/// <param name="SeenAt">When it last reported.</param>
public sealed record LiveWorker(string WorkerId, IReadOnlyList<string>? Tasks, DateTimeOffset SeenAt)
{
    /// <summary>How often a running worker reports itself.</summary>
    public static TimeSpan ReportInterval { get; } = TimeSpan.FromSeconds(10);

    /// <summary>A worker not heard from for this long counts as gone (three missed reports).</summary>
    public static TimeSpan LiveWindow { get; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether this worker would lease a job of <paramref name="task"/> (canonical name).</summary>
    public bool Serves(string task) => Tasks is null || Tasks.Contains(task, StringComparer.Ordinal);
}
