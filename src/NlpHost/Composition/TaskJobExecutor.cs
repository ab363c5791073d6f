using System.Text.Json;
using NlpHost.Abstractions.Plugins;
using NlpHost.PluginLoading;
using NlpHost.PluginLoading.Execution;
using NlpHost.Queue;

namespace NlpHost.Composition;

/// <summary>Lets the queue's worker run jobs through the plugins.</summary>
internal sealed class TaskJobExecutor(TaskRunner runner, PluginCatalog catalog, IConfiguration configuration) : IJobExecutor
{
    // In a fleet, a host without a task's plugin leaves those jobs to hosts that have it. A host that has the
    // plugin but lacks a required head fails the job with the reason: that is a deployment error to see, not to hide.
    private readonly Lazy<IReadOnlyCollection<string>> _served = new(() => [.. catalog.Tasks.Keys]);

    public IReadOnlyCollection<string>? ServedTasks => _served.Value;

    /// <summary><c>Plugins:&lt;task&gt;:TimeoutSeconds</c> when set, else the worker's <c>Worker:JobTimeoutSeconds</c>.</summary>
    public JobTimeout? TimeoutFor(string task)
    {
        var key = $"{PluginOptions.SectionName}:{task}:TimeoutSeconds";
        if (configuration[key] is not { } text)
        {
            return null;
        }

        // TaskSettingsValidator refused bad values at start.
        return TaskSettingsValidator.TryReadSeconds(text, out var seconds) ? new JobTimeout(TimeSpan.FromSeconds(seconds), key) : null;
    }

    public async Task<JsonElement> ExecuteAsync(string task, JsonElement input, JsonElement? options, IProgress<TaskProgress> progress, CancellationToken cancellationToken)
    {
        try
        {
            return await runner.RunAsync(task, new TaskRequest(input, options), progress, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (Failures.Classify(e) is { Permanent: true, Kind: not FailureKind.InvalidInput } failure)
        {
            // The same job cannot succeed on this deployment (no plugin, a missing head, a bad setting): fail it now
            // instead of retrying. UnknownTaskException is the queue's permanent "cannot run here" fault.
            throw new UnknownTaskException(task, failure.Message);
        }
    }
}
