namespace NlpHost.Queue.Jobs;

/// <summary>What a worker says about itself on each report.</summary>
/// <param name="WorkerId">Its <c>Worker:WorkerId</c>.</param>
/// <param name="Tasks">The tasks it serves; <see langword="null"/> means any task.</param>
/// <param name="Version">The NlpHost version it runs.</param>
/// <param name="Slots">Its <c>Worker:Concurrency</c>.</param>
/// <param name="StartedAt">When it started.</param>
public sealed record WorkerReport(string WorkerId, IReadOnlyCollection<string>? Tasks, string? Version = null, int? Slots = null, DateTimeOffset StartedAt = default);
