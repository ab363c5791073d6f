using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using NlpHost.PluginLoading;
using NlpHost.Queue;
using NlpHost.Queue.Jobs;

namespace NlpHost.Api;

/// <summary><c>/v1/jobs</c>: submit, read, list and cancel background jobs.</summary>
internal static class JobsEndpoints
{
    public static void MapJobs(this IEndpointRouteBuilder app, ApiOptions options)
    {
        var jobs = app.MapGroup("/v1/jobs").WithTags("jobs");
        jobs.MapPost("/", SubmitAsync).WithMetadata(new RequestSizeLimitAttribute(options.MaxRequestBytes)).WithName("SubmitJob");
        jobs.MapPost("/batch", SubmitBatchAsync).WithMetadata(new RequestSizeLimitAttribute(options.MaxRequestBytes)).WithName("SubmitJobs");
        jobs.MapGet("/", ListAsync).WithName("ListJobs");
        jobs.MapGet("/{id}", GetAsync).WithName("GetJob");
        jobs.MapGet("/{id}/result", GetResultAsync).WithName("GetJobResult");
        jobs.MapPost("/{id}/cancel", CancelAsync).WithName("CancelJob");
        jobs.MapDelete("/{id}", CancelAsync).WithName("DeleteJob");
    }

    private static async Task<IResult> SubmitAsync(SubmitJob? body, PluginCatalog catalog, IJobStore store, CancellationToken cancellationToken)
    {
        var (request, problem) = SubmissionValidator.Validate(body, catalog);
        if (problem is not null)
        {
            return Problems.From(problem);
        }

        var result = await store.EnqueueAsync(request!, cancellationToken).ConfigureAwait(false);
        if (!result.Created && !IsSameRequest(result.Job, request!))
        {
            return Problems.From(new SubmissionValidator.Problem(409, "idempotencyKey", $"'{request!.IdempotencyKey}' was already used for a different job ({result.Job.Id})"));
        }

        var submitted = new Submitted(result.Job.Id, result.Job.State, result.Created);
        return TypedResults.Accepted($"/v1/jobs/{result.Job.Id}", submitted);
    }

    private static async Task<IResult> SubmitBatchAsync(SubmitJobs? body, PluginCatalog catalog, IJobStore store, IOptions<ApiOptions> options, CancellationToken cancellationToken)
    {
        if (body?.Jobs is not { Count: > 0 } items)
        {
            return Problems.From(new SubmissionValidator.Problem(400, "jobs", "give a non-empty array of jobs"));
        }

        if (items.Count > options.Value.MaxBatchJobs)
        {
            return Problems.From(new SubmissionValidator.Problem(413, "jobs", $"{items.Count} jobs; at most Api:MaxBatchJobs = {options.Value.MaxBatchJobs} per batch"));
        }

        var requests = new List<JobRequest>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var (request, problem) = SubmissionValidator.Validate(items[i], catalog, $"jobs[{i}].");
            if (problem is not null)
            {
                return Problems.From(problem with { Status = 400 });
            }

            requests.Add(request!);
        }

        var results = await store.EnqueueBatchAsync(requests, cancellationToken).ConfigureAwait(false);
        // The batch is one transaction, so a reused key cannot refuse it whole: each clashing item says so instead.
        return TypedResults.Accepted("/v1/jobs", results.Select((r, i) => new Submitted(r.Job.Id, r.Job.State, r.Created,
            r.Created || IsSameRequest(r.Job, requests[i]) ? null : $"idempotency key '{requests[i].IdempotencyKey}' was already used for a different job")).ToList());
    }

    // Resubmitting with a used key returns the original job only when it is the same request; anything else is a
    // client bug that would otherwise silently get someone else's result.
    private static bool IsSameRequest(Job job, JobRequest request) =>
        string.Equals(job.Task, request.Task, StringComparison.Ordinal)
        && JsonElement.DeepEquals(job.Input, request.Input)
        && (job.Options, request.Options) switch
        {
            (null, null) => true,
            ({ } a, { } b) => JsonElement.DeepEquals(a, b),
            _ => false,
        };

    private static async Task<IResult> ListAsync(IJobStore store, string? state, int? offset, int? limit, CancellationToken cancellationToken)
    {
        if (!Enum.TryParse<JobState>(state ?? "queued", ignoreCase: true, out var parsed))
        {
            return Problems.From(new SubmissionValidator.Problem(400, "state", $"'{state}' is not one of {string.Join(", ", Enum.GetNames<JobState>().Select(n => n.ToLowerInvariant()))}"));
        }

        var jobs = await store.ListAsync(parsed, Math.Max(0, offset ?? 0), Math.Clamp(limit ?? 100, 1, 1000), cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(jobs.Select(JobView.From).ToList());
    }

    private static async Task<Results<Ok<JobView>, NotFound<ProblemDetails>>> GetAsync(string id, IJobStore store, CancellationToken cancellationToken) =>
        await store.GetAsync(id, cancellationToken).ConfigureAwait(false) is { } job
            ? TypedResults.Ok(JobView.From(job))
            : Problems.NotFound(id);

    private static async Task<IResult> GetResultAsync(string id, IJobStore store, CancellationToken cancellationToken)
    {
        var job = await store.GetAsync(id, cancellationToken).ConfigureAwait(false);
        return job switch
        {
            null => Problems.NotFound(id),
            { State: JobState.Succeeded, Result: { } result } => TypedResults.Ok(result),
            { IsFinal: true } => TypedResults.Problem(statusCode: 409, title: $"job {job.State.ToString().ToLowerInvariant()}", detail: job.Error),
            _ => TypedResults.Problem(statusCode: 409, title: "job not finished", detail: $"state: {job.State.ToString().ToLowerInvariant()}; poll GET /v1/jobs/{id}"),
        };
    }

    private static async Task<IResult> CancelAsync(string id, IJobStore store, CancellationToken cancellationToken)
    {
        var outcome = await store.CancelAsync(id, cancellationToken).ConfigureAwait(false);
        if (outcome == CancelOutcome.NotFound)
        {
            return Problems.NotFound(id);
        }

        var job = await store.GetAsync(id, cancellationToken).ConfigureAwait(false);
        return outcome == CancelOutcome.AlreadyFinal
            ? TypedResults.Problem(statusCode: 409, title: "job already finished", detail: $"state: {job!.State.ToString().ToLowerInvariant()}")
            : TypedResults.Accepted($"/v1/jobs/{id}", JobView.From(job!));
    }
}
