using System.ComponentModel;
using System.Text.Json;
using NlpHost.Abstractions.Plugins;
using NlpHost.Queue.Jobs;

namespace NlpHost.Api;

// The request records document the API (OpenAPI); the endpoints read bodies with JsonFields, which refuses wrong types
// with the field's path. Optional fields are init properties, so the document does not mark them required.

/// <summary>Body of <c>POST /v1/jobs</c>.</summary>
internal sealed record SubmitJob
{
    [Description("Task name, e.g. summarize (GET /v1/tasks lists them); case does not matter.")]
    public required string Task { get; init; }

    [Description("The task's input document, e.g. {\"text\": \"...\"}.")]
    public required JsonElement Input { get; init; }

    [Description("Task options (see the task's README).")]
    public JsonElement? Options { get; init; }

    [Description("Higher runs first; default 0.")]
    public int? Priority { get; init; }

    [Description("Submitting the same key again returns the existing job.")]
    public string? IdempotencyKey { get; init; }

    [Description("Attempts before the job is dead; default Queue:DefaultMaxAttempts.")]
    public int? MaxAttempts { get; init; }
}

/// <summary>Body of <c>POST /v1/jobs/batch</c>.</summary>
internal sealed record SubmitJobs
{
    public required IReadOnlyList<SubmitJob> Jobs { get; init; }
}

/// <summary>Body of <c>POST /v1/tasks/{task}/run</c>.</summary>
internal sealed record RunTask
{
    public required JsonElement Input { get; init; }

    public JsonElement? Options { get; init; }
}

/// <summary>Answer to a submission; <see cref="Conflict"/> says when an idempotency key matched a different job.</summary>
internal sealed record Submitted(string Id, JobState State, bool Created, string? Conflict = null);

/// <summary>A job as the API shows it; the result is fetched separately. <c>Warning</c> is set while a queued job's task is served by no live host.</summary>
internal sealed record JobView(
    string Id, string Task, JobState State, int Priority, int Attempts, int MaxAttempts, TaskProgress? Progress,
    string? Error, bool CancellationRequested, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt,
    string? Warning = null)
{
    public static JobView From(Job job, string? warning = null) => new(
        job.Id, job.Task, job.State, job.Priority, job.Attempts, job.MaxAttempts, job.Progress,
        job.Error, job.CancellationRequested, job.CreatedAt, job.StartedAt, job.FinishedAt, warning);
}

/// <summary>A task as <c>GET /v1/tasks</c> lists it.</summary>
internal sealed record TaskView(string Name, string Version, string Description, IReadOnlyList<string> Heads);
