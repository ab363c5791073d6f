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

    /// <summary>The NlpHost version it runs; <see langword="null"/> for a worker of a version that did not report it.</summary>
    public string? Version { get; init; }

    /// <summary>Its <c>Worker:Concurrency</c>; <see langword="null"/> when not reported.</summary>
    public int? Slots { get; init; }

    /// <summary>When its worker started; <see langword="null"/> when not reported.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>Whether this worker would lease a job of <paramref name="task"/> (canonical name).</summary>
    public bool Serves(string task) => Tasks is null || Tasks.Contains(task, StringComparer.Ordinal);
}
