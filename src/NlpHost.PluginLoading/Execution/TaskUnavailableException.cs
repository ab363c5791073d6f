namespace NlpHost.PluginLoading.Execution;

/// <summary>
/// The task cannot run here: no plugin serves it, or a head it requires is missing. Retrying the
/// same job on this deployment cannot succeed.
/// </summary>
public sealed class TaskUnavailableException(string message) : Exception(message)
{
    /// <summary>No plugin serves the task at all (an HTTP 404), rather than one that cannot run as deployed (503).</summary>
    public bool UnknownTask { get; private init; }

    /// <summary>The one "unknown task" message, naming what is served.</summary>
    public static TaskUnavailableException Unknown(string task, IEnumerable<string> served) =>
        new($"unknown task '{task}'; served here: {string.Join(", ", served.Order(StringComparer.Ordinal))} (see 'nlphost tasks' or GET /v1/tasks)")
        {
            UnknownTask = true,
        };
}
