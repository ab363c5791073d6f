using System.Text.Json;
using NlpHost.Abstractions.Plugins;

namespace NlpHost.Queue.Jobs;

/// <summary>A job as stored in the queue.</summary>
/// <param name="Id">Time-ordered unique id (UUID v7, 32 hex digits).</param>
/// <param name="Task">Name of the task that runs it.</param>
/// <param name="Input">Task input.</param>
/// <param name="Options">Task options, if any.</param>
/// <param name="Priority">Higher runs first.</param>
/// <param name="IdempotencyKey">Client key that deduplicates submissions, if any.</param>
/// <param name="State">Current state.</param>
/// <param name="Attempts">Attempts started so far, including the running one; survives restarts.</param>
/// <param name="MaxAttempts">Attempts allowed before the job is dead.</param>
/// <param name="LeaseOwner">Worker that holds or last held the lease.</param>
/// <param name="LeaseExpiresAt">When the lease ends unless renewed; an expired lease makes the job available again.</param>
/// <param name="VisibleAt">Earliest time a queued job may be leased (retry backoff).</param>
/// <param name="CancellationRequested">A cancellation was asked for while the job was running.</param>
/// <param name="Progress">Last reported progress, if any.</param>
/// <param name="Result">The result, once succeeded.</param>
/// <param name="Error">Why the job failed, or the last transient error.</param>
/// <param name="CreatedAt">When it was enqueued.</param>
/// <param name="StartedAt">When it was first leased.</param>
/// <param name="FinishedAt">When it reached a final state.</param>
/// <param name="UpdatedAt">When the row last changed.</param>
public sealed record Job(
    string Id,
    string Task,
    JsonElement Input,
    JsonElement? Options,
    int Priority,
    string? IdempotencyKey,
    JobState State,
    int Attempts,
    int MaxAttempts,
    string? LeaseOwner,
    DateTimeOffset? LeaseExpiresAt,
    DateTimeOffset VisibleAt,
    bool CancellationRequested,
    TaskProgress? Progress,
    JsonElement? Result,
    string? Error,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>Whether the job has reached a state it never leaves.</summary>
    public bool IsFinal => State is JobState.Succeeded or JobState.Failed or JobState.Dead or JobState.Cancelled;
}
