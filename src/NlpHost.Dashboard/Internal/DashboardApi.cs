using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using NlpHost.PluginLoading;
using NlpHost.PluginLoading.Execution;
using NlpHost.Queue;
using NlpHost.Queue.Administration;
using NlpHost.Queue.Jobs;

namespace NlpHost.Dashboard.Internal;

/// <summary>Body of <c>api/map</c>: the documents to place.</summary>
internal sealed record MapRequest(IReadOnlyList<MapDocument>? Documents);

/// <summary>One document to place on the map.</summary>
internal sealed record MapDocument(string? Id, string? Text);

/// <summary>
/// The JSON the pages read beyond the public API (which they use for submitting, cancelling and results). These are
/// ordinary endpoints, so the API key check in front of every endpoint guards them too.
/// </summary>
internal static class DashboardApi
{
    public static void MapDashboardApi(this IEndpointRouteBuilder app, string basePath, bool runsWorker)
    {
        var api = app.MapGroup(basePath + "api").WithTags("dashboard").ExcludeFromDescription();
        api.MapGet("/overview", (OverviewSnapshots snapshots, CancellationToken ct) => snapshots.GetAsync(runsWorker, ct));
        api.MapGet("/jobs", BrowseAsync);
        api.MapGet("/jobs/{id}", async (string id, IJobStore store, CancellationToken ct) =>
            await store.GetAsync(id, ct).ConfigureAwait(false) is { } job ? Results.Ok(job) : NotFound(id));
        api.MapPost("/jobs/{id}/retry", RetryAsync);
        api.MapDelete("/jobs/{id}", DeleteAsync);
        api.MapGet("/plugins", Plugins);
        api.MapGet("/tasks", (TaskForms forms) => forms.All);
        api.MapPost("/map", MapAsync).WithMetadata(new RequestSizeLimitAttribute(16L << 20));
    }

    private static async Task<IResult> BrowseAsync(IJobAdministration admin, string? state, string? task, int? offset, int? limit, CancellationToken cancellationToken)
    {
        JobState? parsed = null;
        if (!string.IsNullOrEmpty(state))
        {
            if (!Enum.TryParse<JobState>(state, ignoreCase: true, out var value) || !Enum.IsDefined(value))
            {
                return Results.Problem(statusCode: 400, title: $"state: '{state}' is not a job state");
            }

            parsed = value;
        }

        var query = new JobQuery(parsed, string.IsNullOrEmpty(task) ? null : task, Math.Max(0, offset ?? 0), Math.Clamp(limit ?? 25, 1, 200));
        return Results.Ok(await admin.BrowseAsync(query, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<IResult> RetryAsync(string id, IJobAdministration admin, IJobStore store, CancellationToken cancellationToken) =>
        await admin.RetryAsync(id, cancellationToken).ConfigureAwait(false) switch
        {
            RetryOutcome.Retried => Results.Ok(await store.GetAsync(id, cancellationToken).ConfigureAwait(false)),
            RetryOutcome.NotRetryable => Results.Problem(statusCode: 409, title: "only a failed or dead job can be retried"),
            _ => NotFound(id),
        };

    private static async Task<IResult> DeleteAsync(string id, IJobAdministration admin, CancellationToken cancellationToken) =>
        await admin.DeleteAsync(id, cancellationToken).ConfigureAwait(false) switch
        {
            DeleteOutcome.Deleted => Results.NoContent(),
            DeleteOutcome.Running => Results.Problem(statusCode: 409, title: "the job is running: cancel it first"),
            _ => NotFound(id),
        };

    private static IResult Plugins(PluginCatalog catalog, TaskRunner runner) => Results.Ok(catalog.Plugins.Select(p => new
    {
        p.Name,
        State = p.State.ToString().ToLowerInvariant(),
        p.Error,
        Tasks = p.Tasks.Select(t => new { t.Name, t.Version, t.Description, Heads = runner.DescribeHeads(t) }),
    }));

    private static async Task<IResult> MapAsync(MapRequest? body, DocumentMap map, CancellationToken cancellationToken)
    {
        if (body?.Documents is not { Count: > 0 } documents || documents.Any(d => string.IsNullOrEmpty(d.Id) || d.Text is null))
        {
            return Results.Problem(statusCode: 400, title: "documents: give a non-empty array of {id, text}");
        }

        if (documents.Count > DocumentMap.MaxDocuments)
        {
            return Results.Problem(statusCode: 413, title: $"documents: at most {DocumentMap.MaxDocuments} are mapped, got {documents.Count}");
        }

        return Results.Ok(await map.ProjectAsync([.. documents.Select(d => (d.Id!, d.Text!))], cancellationToken).ConfigureAwait(false));
    }

    private static IResult NotFound(string id) => Results.Problem(statusCode: 404, title: $"job '{id}' not found");
}
