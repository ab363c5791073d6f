using System.Text.Json;
using NlpHost.Abstractions.Plugins;
using NlpHost.Composition;
using NlpHost.PluginLoading.Execution;
using NlpHost.Queue.Jobs;

namespace NlpHost.Api;

/// <summary>
/// Turns a submission's JSON into a job request, checking everything that can be checked before it is queued (types,
/// the task, its input limits and its own validation), so a bad job is refused with its field rather than failing later.
/// </summary>
internal static class SubmissionValidator
{
    public static readonly string[] Fields = ["task", "input", "options", "priority", "idempotencyKey", "maxAttempts"];

    public static (JobRequest? Request, ApiProblem? Problem) Validate(JsonElement body, TaskRunner runner, string path = "")
    {
        var fields = JsonFields.Open(body, path, "{\"task\",\"input\"}", Fields);
        var prefix = path.Length == 0 ? "" : path + ".";
        var task = fields.String("task");
        var input = fields.Object("input");
        var options = fields.Object("options");
        var priority = fields.Integer("priority");
        var key = fields.String("idempotencyKey");
        var maxAttempts = fields.Integer("maxAttempts");
        if (fields.Problem is { } problem)
        {
            return (null, problem);
        }

        if (string.IsNullOrWhiteSpace(task))
        {
            return (null, ApiProblem.BadRequest(prefix + "task", "is required: the name of a task (GET /v1/tasks lists them)"));
        }

        if (input is not { } inputObject)
        {
            return (null, ApiProblem.BadRequest(prefix + "input", "is required and must be a JSON object"));
        }

        if (maxAttempts is < 1)
        {
            return (null, ApiProblem.BadRequest(prefix + "maxAttempts", "must be at least 1"));
        }

        if (key is { Length: > 200 })
        {
            return (null, ApiProblem.BadRequest(prefix + "idempotencyKey", "must be at most 200 characters"));
        }

        string canonical;
        try
        {
            canonical = runner.Validate(task, new TaskRequest(inputObject, options));
        }
        catch (Exception e) when (Failures.Classify(e) is { Kind: FailureKind.InvalidInput or FailureKind.UnknownTask or FailureKind.Unavailable } failure)
        {
            // Refused at submission: a task this deployment does not serve is 404 here, whatever its cause.
            var refusal = Problems.Of(failure, prefix);
            return (null, failure.Kind is FailureKind.InvalidInput ? refusal : refusal with { Status = 404, Field = prefix + "task" });
        }

        return (new JobRequest(canonical, inputObject, options, priority ?? 0, key, maxAttempts), null);
    }
}
