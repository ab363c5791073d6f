using System.Text.Json;
using NlpHost.Abstractions.Plugins;
using NlpHost.Queue.Jobs;

namespace NlpHost.Api;

/// <summary>Body of <c>POST /v1/jobs</c>.</summary>
internal sealed record SubmitJob(string? Task, JsonElement? Input, JsonElement? Options, int? Priority, string? IdempotencyKey, int? MaxAttempts);

/// <summary>Body of <c>POST /v1/jobs/batch</c>.</summary>
internal sealed record SubmitJobs(IReadOnlyList<SubmitJob>? Jobs);

/// <summary>Body of <c>POST /v1/tasks/{task}/run</c>.</summary>
internal sealed record RunTask(JsonElement? Input, JsonElement? Options);

/// <summary>Answer to a submission; <see cref="Conflict"/> says when an idempotency key matched a different job.</summary>
internal sealed record Submitted(string Id, JobState State, bool Created, string? Conflict = null);

/// <summary>A job as the API shows it; the result is fetched separately.</summary>
internal sealed record JobView(
    string Id, string Task, JobState State, int Priority, int Attempts, int MaxAttempts, TaskProgress? Progress,
    string? Error, bool CancellationRequested, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt)
{
    public static JobView From(Job job) => new(
        job.Id, job.Task, job.State, job.Priority, job.Attempts, job.MaxAttempts, job.Progress,
        job.Error, job.CancellationRequested, job.CreatedAt, job.StartedAt, job.FinishedAt);
}

/// <summary>A task as <c>GET /v1/tasks</c> lists it.</summary>
internal sealed record TaskView(string Name, string Version, string Description, IReadOnlyList<string> Heads);
