using System.Text.Json;
using NlpHost.Abstractions.Plugins;
using NlpHost.PluginLoading;
using NlpHost.Queue.Jobs;

namespace NlpHost.Api;

/// <summary>Checks a submission before it is queued, so a bad job is refused with its field rather than failing later.</summary>
internal static class SubmissionValidator
{
    public sealed record Problem(int Status, string Field, string Message);

    public static (JobRequest? Request, Problem? Problem) Validate(SubmitJob? job, PluginCatalog catalog, string prefix = "")
    {
        if (job is null)
        {
            return (null, new Problem(400, prefix.TrimEnd('.') is { Length: > 0 } p ? p : "body", "expected a JSON object {\"task\",\"input\"}"));
        }

        if (string.IsNullOrWhiteSpace(job.Task))
        {
            return (null, new Problem(400, prefix + "task", "is required"));
        }

        if (!catalog.Tasks.ContainsKey(job.Task))
        {
            return (null, new Problem(404, prefix + "task", $"unknown task '{job.Task}'; served: {string.Join(", ", catalog.Tasks.Keys.Order(StringComparer.Ordinal))}"));
        }

        if (job.Input is not { ValueKind: JsonValueKind.Object } input)
        {
            return (null, new Problem(400, prefix + "input", "is required and must be a JSON object"));
        }

        if (job.Options is { ValueKind: not (JsonValueKind.Object or JsonValueKind.Null) })
        {
            return (null, new Problem(400, prefix + "options", "must be a JSON object"));
        }

        if (job.MaxAttempts is < 1)
        {
            return (null, new Problem(400, prefix + "maxAttempts", "must be at least 1"));
        }

        var options = job.Options is { ValueKind: JsonValueKind.Object } o ? o : (JsonElement?)null;
        try
        {
            catalog.Tasks[job.Task].Validate(new TaskRequest(input, options));
        }
        catch (TaskInputException e)
        {
            return (null, new Problem(400, prefix + e.Field, e.Message));
        }

        return (new JobRequest(job.Task, input, options, job.Priority ?? 0, job.IdempotencyKey, job.MaxAttempts), null);
    }
}
