using System.Text.Json;

namespace NlpHost.Queue.Jobs;

/// <summary>A job to enqueue.</summary>
/// <param name="Task">Name of the task that runs it, e.g. <c>ner</c>.</param>
/// <param name="Input">Task input, stored as JSON.</param>
/// <param name="Options">Task options, stored as JSON, or <see langword="null"/>.</param>
/// <param name="Priority">Higher runs first; equal priorities run in submission order.</param>
/// <param name="IdempotencyKey">
/// Unique key chosen by the client; resubmitting a key returns the existing job instead of creating another.
/// </param>
/// <param name="MaxAttempts">Attempts before the job is dead; <see langword="null"/> uses <c>Queue:DefaultMaxAttempts</c>.</param>
public sealed record JobRequest(
    string Task,
    JsonElement Input,
    JsonElement? Options = null,
    int Priority = 0,
    string? IdempotencyKey = null,
    int? MaxAttempts = null);
