using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NlpHost.Abstractions.Backbone;
using NlpHost.Abstractions.Evaluation;
using NlpHost.Abstractions.Plugins;

namespace NlpHost.PluginLoading.Execution;

/// <summary>Runs a task by name: finds its plugin, resolves its heads and settings, and calls it.</summary>
public sealed class TaskRunner(
    PluginCatalog catalog,
    IBackbone backbone,
    IConfiguration configuration,
    IOptions<PluginOptions> options,
    ILoggerFactory loggerFactory)
{
    private static readonly IProgress<TaskProgress> NoProgress = new Progress<TaskProgress>();

    /// <summary>Runs one document through a task.</summary>
    /// <exception cref="TaskUnavailableException">No plugin serves the task, a required head is missing, or the plugin threw <see cref="TaskModelException"/>.</exception>
    /// <exception cref="TaskInputException">The request is invalid.</exception>
    public async Task<JsonElement> RunAsync(string task, TaskRequest request, IProgress<TaskProgress>? progress, CancellationToken cancellationToken)
    {
        var plugin = Find(task);
        return await ModelErrorsAsUnavailable(plugin.Descriptor, () => plugin.ExecuteAsync(request, CreateContext(plugin.Descriptor, progress), cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Evaluates a task on a data set with its plugin's evaluator.</summary>
    public async Task<EvaluationReport> EvaluateAsync(string task, EvaluationRequest request, IProgress<TaskProgress>? progress, CancellationToken cancellationToken)
    {
        var plugin = Find(task);
        var evaluator = catalog.FindEvaluator(plugin.Descriptor.Name)
            ?? throw new TaskUnavailableException($"task '{task}' has no evaluator");
        return await ModelErrorsAsUnavailable(plugin.Descriptor, () => evaluator.EvaluateAsync(request, CreateContext(plugin.Descriptor, progress), cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Where each of a task's heads resolves and whether it exists.</summary>
    public IReadOnlyList<HeadStatus> DescribeHeads(TaskDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        var settings = configuration.GetSection($"{PluginOptions.SectionName}:{descriptor.Name}:Heads");
        var modelsRoot = Path.GetFullPath(options.Value.ModelsPath);
        return descriptor.Heads
            .Select(h =>
            {
                var path = Path.GetFullPath(settings[h.Name] ?? h.DefaultPath, modelsRoot);
                return new HeadStatus(h.Name, path, h.Required, File.Exists(path), h.HowToGet);
            })
            .ToList();
    }

    // A plugin that cannot use its model is in the same state as one whose required head is missing.
    private static async Task<T> ModelErrorsAsUnavailable<T>(TaskDescriptor descriptor, Func<Task<T>> run)
    {
        try
        {
            return await run().ConfigureAwait(false);
        }
        catch (TaskModelException e)
        {
            throw new TaskUnavailableException($"task '{descriptor.Name}': {e.Message}");
        }
    }

    private ITaskPlugin Find(string task) =>
        catalog.Tasks.TryGetValue(task, out var plugin)
            ? plugin
            : throw new TaskUnavailableException(
                $"unknown task '{task}'; served here: {string.Join(", ", catalog.Tasks.Keys.Order(StringComparer.Ordinal))} (see 'nlphost tasks')");

    private TaskContext CreateContext(TaskDescriptor descriptor, IProgress<TaskProgress>? progress)
    {
        var heads = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var head in DescribeHeads(descriptor))
        {
            if (head.Found)
            {
                heads[head.Name] = head.Path;
            }
            else if (head.Required)
            {
                throw new TaskUnavailableException(
                    $"task '{descriptor.Name}': head '{head.Name}' not found at '{head.Path}'; {head.HowToGet} " +
                    $"or set {PluginOptions.SectionName}:{descriptor.Name}:Heads:{head.Name}");
            }
        }

        return new TaskContext(
            backbone,
            configuration.GetSection($"{PluginOptions.SectionName}:{descriptor.Name}"),
            heads,
            progress ?? NoProgress,
            loggerFactory.CreateLogger("NlpHost.Tasks." + descriptor.Name));
    }
}
