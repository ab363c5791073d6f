using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using NlpHost.PluginLoading.Execution;
using NlpHost.Queue;
using NlpHost.Queue.Jobs;

namespace NlpHost.Api;

/// <summary><c>/v1/jobs</c>: submit, read, list and cancel background jobs.</summary>
internal static class JobsEndpoints
{
    public static void MapJobs(this IEndpointRouteBuilder app, ApiOptions options)
    {
        var jobs = app.MapGroup("/v1/jobs").WithTags("jobs");
        jobs.MapPost("/", SubmitAsync).WithName("SubmitJob").AcceptsJson<SubmitJob>()
            .Produces<Submitted>(StatusCodes.Status202Accepted).ProducesRefusals(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge);
        jobs.MapPost("/batch", SubmitBatchAsync).WithName("SubmitJobs").AcceptsJson<SubmitJobs>()
            .Produces<List<Submitted>>(StatusCodes.Status202Accepted).ProducesRefusals(StatusCodes.Status404NotFound, StatusCodes.Status413PayloadTooLarge);
        jobs.MapGet("/", ListAsync).WithName("ListJobs").Produces<List<JobView>>().ProducesRefusals();
        jobs.MapGet("/{id}", GetAsync).WithName("GetJob").Produces<JobView>().ProducesRefusals(StatusCodes.Status404NotFound);
        jobs.MapGet("/{id}/result", GetResultAsync).WithName("GetJobResult").Produces<JsonElement>().ProducesRefusals(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        jobs.MapPost("/{id}/cancel", CancelAsync).WithName("CancelJob").Produces<JobView>(StatusCodes.Status202Accepted).ProducesRefusals(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        jobs.MapDelete("/{id}", CancelAsync).WithName("DeleteJob").Produces<JobView>(StatusCodes.Status202Accepted).ProducesRefusals(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> SubmitAsync(HttpRequest http, TaskRunner runner, IJobStore store, IOptions<ApiOptions> options, CancellationToken cancellationToken)
    {
        var (body, refused) = await RequestBody.ReadAsync(http, options.Value.MaxRequestBytes, "Api:MaxRequestBytes", cancellationToken).ConfigureAwait(false);
        var (request, problem) = refused is null ? SubmissionValidator.Validate(body, runner) : (null, refused);
        if (problem is not null)
        {
            return Problems.From(problem);
        }

        var result = await store.EnqueueAsync(request!, cancellationToken).ConfigureAwait(false);
        if (!result.Created && !IsSameRequest(result.Job, request!))
        {
            return Problems.From(new ApiProblem(409, "idempotencyKey", $"'{request!.IdempotencyKey}' was already used for a different job ({result.Job.Id})"));
        }

        var submitted = new Submitted(result.Job.Id, result.Job.State, result.Created);
        return TypedResults.Accepted($"/v1/jobs/{result.Job.Id}", submitted);
    }

    private static async Task<IResult> SubmitBatchAsync(HttpRequest http, TaskRunner runner, IJobStore store, IOptions<ApiOptions> options, CancellationToken cancellationToken)
    {
        var (body, refused) = await RequestBody.ReadAsync(http, options.Value.MaxRequestBytes, "Api:MaxRequestBytes", cancellationToken).ConfigureAwait(false);
        if (refused is not null)
        {
            return Problems.From(refused);
        }

        var fields = JsonFields.Open(body, "", "{\"jobs\":[...]}", ["jobs"]);
        var array = fields.Array("jobs");
        if (fields.Problem is not null || array is not { } items || items.GetArrayLength() == 0)
        {
            return Problems.From(fields.Problem ?? ApiProblem.BadRequest("jobs", "give a non-empty array of jobs"));
        }

        if (items.GetArrayLength() > options.Value.MaxBatchJobs)
        {
            return Problems.From(new ApiProblem(413, "Api:MaxBatchJobs", $"{items.GetArrayLength()} jobs; at most {options.Value.MaxBatchJobs} per batch (Api:MaxBatchJobs)"));
        }

        var requests = new List<JobRequest>(items.GetArrayLength());
        var i = 0;
        foreach (var item in items.EnumerateArray())
        {
            var (request, problem) = SubmissionValidator.Validate(item, runner, $"jobs[{i++}]");
            if (problem is not null)
            {
                return Problems.From(problem);
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

    // No state lists every state, newest first: what a person looking at the queue wants to see first.
    private static async Task<IResult> ListAsync(HttpRequest http, IJobStore store, IJobAdministration administration, CancellationToken cancellationToken)
    {
        var state = http.Query["state"].ToString();
        JobState? parsed = null;
        if (state.Length > 0)
        {
            if (!Enum.TryParse<JobState>(state, ignoreCase: true, out var value) || !Enum.IsDefined(value) || int.TryParse(state, out _))
            {
                return Problems.From(ApiProblem.BadRequest("state", $"'{state}' is not one of {string.Join(", ", Enum.GetNames<JobState>().Select(n => n.ToLowerInvariant()))}"));
            }

            parsed = value;
        }

        var offset = QueryNumber(http, "offset", 0, 0, int.MaxValue, out var problem);
        var limit = QueryNumber(http, "limit", 100, 1, 1000, out problem, problem);
        if (problem is not null)
        {
            return Problems.From(problem);
        }

        var jobs = parsed is { } s
            ? await store.ListAsync(s, offset, limit, cancellationToken).ConfigureAwait(false)
            : (await administration.BrowseAsync(new Queue.Administration.JobQuery(Offset: offset, Limit: limit), cancellationToken).ConfigureAwait(false)).Jobs;
        return TypedResults.Ok(jobs.Select(j => JobView.From(j)).ToList());
    }

    private static int QueryNumber(HttpRequest http, string name, int fallback, int min, int max, out ApiProblem? problem, ApiProblem? earlier = null)
    {
        problem = earlier;
        var text = http.Query[name].ToString();
        if (text.Length == 0)
        {
            return fallback;
        }

        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        problem ??= ApiProblem.BadRequest(name, $"must be a whole number from {min} to {max}, got '{(text.Length > 40 ? text[..40] + "…" : text)}'");
        return fallback;
    }

    private static async Task<IResult> GetAsync(string id, IJobStore store, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(id, cancellationToken).ConfigureAwait(false) is not { } job)
        {
            return Problems.NotFound(id);
        }

        string? warning = null;
        if (job.State == JobState.Queued)
        {
            var workers = await store.ListLiveWorkersAsync(LiveWorker.LiveWindow, cancellationToken).ConfigureAwait(false);
            if (!workers.Any(w => w.Serves(job.Task)))
            {
                warning = workers.Count == 0
                    ? $"no live host serves task '{job.Task}': no worker has reported in the last {LiveWorker.LiveWindow.TotalSeconds:0} s; the job waits until one that serves it runs"
                    : $"no live host serves task '{job.Task}' (the {workers.Count} live worker(s) serve {string.Join(", ", workers.SelectMany(w => w.Tasks ?? []).Distinct().Order(StringComparer.Ordinal))}); the job waits until one that serves it runs";
            }
        }

        return TypedResults.Ok(JobView.From(job, warning));
    }

    private static async Task<IResult> GetResultAsync(string id, IJobStore store, CancellationToken cancellationToken)
    {
        var job = await store.GetAsync(id, cancellationToken).ConfigureAwait(false);
        return job switch
        {
            null => Problems.NotFound(id),
            { State: JobState.Succeeded, Result: { } result } => TypedResults.Ok(result),
            { IsFinal: true } => Problems.From(new ApiProblem(409, "state", $"the job is {Name(job.State)} and has no result: {job.Error ?? "no error recorded"}")),
            _ => Problems.From(new ApiProblem(409, "state", $"the job is {Name(job.State)}, not finished; poll GET /v1/jobs/{id}")),
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
            ? Problems.From(new ApiProblem(409, "state", $"the job already finished ({Name(job!.State)}); nothing to cancel"))
            : TypedResults.Accepted($"/v1/jobs/{id}", JobView.From(job!));
    }

    private static string Name(JobState state) => state.ToString().ToLowerInvariant();
}
