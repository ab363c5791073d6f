using System.Text.Json;
using NlpHost.Abstractions.Plugins;

namespace NlpHost.Queue;

/// <summary>Runs one job's task; implemented by the host, called by the worker.</summary>
public interface IJobExecutor
{
    /// <summary>Executes <paramref name="task"/> on <paramref name="input"/> and returns its result.</summary>
    /// <param name="task">Task name as enqueued.</param>
    /// <param name="input">Task input.</param>
    /// <param name="options">Task options, if any.</param>
    /// <param name="progress">Receives progress; the worker stores the latest on each heartbeat.</param>
    /// <param name="cancellationToken">Fires on timeout, cancellation, lost lease or shutdown.</param>
    /// <exception cref="UnknownTaskException">No task has this name: the job fails at once.</exception>
    /// <exception cref="TaskInputException">The input is invalid: the job fails at once.</exception>
    /// <exception cref="TransientTaskException">A passing fault: the job is retried with backoff.</exception>
    Task<JsonElement> ExecuteAsync(
        string task,
        JsonElement input,
        JsonElement? options,
        IProgress<TaskProgress> progress,
        CancellationToken cancellationToken);

    /// <summary>The tasks this host can run; the worker leases only those. <see langword="null"/> means any.</summary>
    IReadOnlyCollection<string>? ServedTasks => null;

    /// <summary>
    /// The longest one attempt of a job of <paramref name="task"/> may run, and the setting that says so;
    /// <see langword="null"/> uses <c>Worker:JobTimeoutSeconds</c>. A job that runs past it fails for good.
    /// </summary>
    JobTimeout? TimeoutFor(string task) => null;
}
