using System.Text.Json;
using NlpHost.Abstractions.Plugins;
using NlpHost.PluginLoading.Execution;
using NlpHost.Queue;

namespace NlpHost.Composition;

/// <summary>Lets the queue's worker run jobs through the plugins.</summary>
internal sealed class TaskJobExecutor(TaskRunner runner) : IJobExecutor
{
    public async Task<JsonElement> ExecuteAsync(string task, JsonElement input, JsonElement? options, IProgress<TaskProgress> progress, CancellationToken cancellationToken)
    {
        try
        {
            return await runner.RunAsync(task, new TaskRequest(input, options), progress, cancellationToken).ConfigureAwait(false);
        }
        catch (TaskUnavailableException e)
        {
            // The same job cannot succeed on this deployment: fail it now instead of retrying.
            throw new UnknownTaskException(task, e.Message);
        }
    }
}
