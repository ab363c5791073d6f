using System.Text.Json;

namespace NlpHost.Abstractions.Plugins;

/// <summary>
/// One NLP task. Most plugins derive from <see cref="TaskPlugin{TInput, TOptions, TOutput}"/>, which
/// turns the JSON request into typed records and the result back into JSON.
/// </summary>
public interface ITaskPlugin
{
    /// <summary>What the task is called, what it takes and what it needs.</summary>
    TaskDescriptor Descriptor { get; }

    /// <summary>
    /// Checks a request without running it, so a bad job is refused when it is submitted rather than
    /// when a worker picks it up.
    /// </summary>
    /// <exception cref="TaskInputException">The input or options are invalid; the exception names the field.</exception>
    void Validate(TaskRequest request);

    /// <summary>Runs the task on one document.</summary>
    /// <param name="request">The job's input and per-job options as JSON.</param>
    /// <param name="context">The shared backbone, the plugin's settings, progress and logging.</param>
    /// <param name="cancellationToken">Cancels the job.</param>
    /// <returns>The result as JSON.</returns>
    /// <exception cref="TaskInputException">The input or options are invalid; retrying will not help.</exception>
    /// <exception cref="TransientTaskException">A fault that may pass; the queue retries it.</exception>
    Task<JsonElement> ExecuteAsync(TaskRequest request, TaskContext context, CancellationToken cancellationToken);
}
