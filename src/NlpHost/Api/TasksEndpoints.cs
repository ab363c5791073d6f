using System.Text.Json;
using Microsoft.Extensions.Options;
using NlpHost.Abstractions.Plugins;
using NlpHost.Composition;
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
            .Select(t => new TaskView(TaskNames.Canonical(t.Descriptor.Name), t.Descriptor.Version, t.Descriptor.Description, [.. t.Descriptor.Heads.Select(h => h.Name)]))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .ToList())).WithName("ListTasks").ProducesRefusals();
        tasks.MapPost("/{task}/run", RunAsync).WithName("RunTask").AcceptsJson<RunTask>().Produces<JsonElement>()
            .ProducesRefusals(StatusCodes.Status404NotFound, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<IResult> RunAsync(string task, HttpRequest http, TaskRunner runner, PluginCatalog catalog, IOptions<ApiOptions> options, CancellationToken cancellationToken)
    {
        try
        {
            _ = catalog.Find(task);
        }
        catch (TaskUnavailableException e)
        {
            return Problems.From(Problems.Of(Failures.Classify(e)!));
        }

        var (body, refused) = await RequestBody.ReadAsync(http, options.Value.MaxSyncRequestBytes, "Api:MaxSyncRequestBytes", cancellationToken).ConfigureAwait(false);
        if (refused is not null)
        {
            return Problems.From(refused);
        }

        var fields = JsonFields.Open(body, "", "{\"input\",\"options\"}", ["input", "options"]);
        var input = fields.Object("input");
        var taskOptions = fields.Object("options");
        if (fields.Problem is not null || input is not { } inputObject)
        {
            return Problems.From(fields.Problem ?? ApiProblem.BadRequest("input", "is required and must be a JSON object"));
        }

        var limit = TimeSpan.FromSeconds(options.Value.RunTimeoutSeconds);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limit);
        try
        {
            // WaitAsync: the answer comes on time even from a task that does not check its token.
            var run = runner.RunAsync(task, new TaskRequest(inputObject, taskOptions), null, timeout.Token);
            return TypedResults.Ok(await run.WaitAsync(timeout.Token).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return Problems.From(new ApiProblem(503, "Api:RunTimeoutSeconds",
                $"the run took longer than {limit.TotalSeconds:0.###} s (Api:RunTimeoutSeconds); submit large inputs as a job (POST /v1/jobs)"));
        }
        catch (Exception e) when (Failures.Classify(e) is { } failure)
        {
            return Problems.From(Problems.Of(failure));
        }
    }
}
