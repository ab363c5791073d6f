using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using NlpHost.Abstractions.Plugins;
using NlpHost.PluginLoading;
using NlpHost.PluginLoading.Execution;

namespace NlpHost.Api;

/// <summary><c>/v1/tasks</c>: what is served, and running a small document synchronously.</summary>
internal static class TasksEndpoints
{
    public static void MapTasks(this IEndpointRouteBuilder app, ApiOptions options)
    {
        var tasks = app.MapGroup("/v1/tasks").WithTags("tasks");
        tasks.MapGet("/", (PluginCatalog catalog) => TypedResults.Ok(catalog.Tasks.Values
            .Select(t => new TaskView(t.Descriptor.Name, t.Descriptor.Version, t.Descriptor.Description, [.. t.Descriptor.Heads.Select(h => h.Name)]))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .ToList())).WithName("ListTasks");
        tasks.MapPost("/{task}/run", RunAsync).WithMetadata(new RequestSizeLimitAttribute(options.MaxSyncRequestBytes)).WithName("RunTask");
    }

    private static async Task<IResult> RunAsync(string task, RunTask? body, TaskRunner runner, PluginCatalog catalog, CancellationToken cancellationToken)
    {
        if (!catalog.Tasks.ContainsKey(task))
        {
            return Problems.From(new SubmissionValidator.Problem(404, "task", $"unknown task '{task}'"));
        }

        if (body?.Input is not { ValueKind: JsonValueKind.Object } input)
        {
            return Problems.From(new SubmissionValidator.Problem(400, "input", "is required and must be a JSON object"));
        }

        try
        {
            var options = body.Options is { ValueKind: JsonValueKind.Object } o ? o : (JsonElement?)null;
            return TypedResults.Ok(await runner.RunAsync(task, new TaskRequest(input, options), null, cancellationToken).ConfigureAwait(false));
        }
        catch (TaskInputException e)
        {
            return Problems.From(new SubmissionValidator.Problem(400, e.Field, e.Message));
        }
        catch (TaskUnavailableException e)
        {
            return TypedResults.Problem(statusCode: 503, title: e.Message);
        }
    }
}
