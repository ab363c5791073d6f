using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NlpHost.Abstractions.Backbone;
using NlpHost.Abstractions.Evaluation;
using NlpHost.Abstractions.Plugins;
using NlpHost.PluginLoading.Integrity;
using NlpHost.PluginLoading.Limits;
using NlpHost.PluginLoading.Settings;

namespace NlpHost.PluginLoading.Execution;

/// <summary>Runs a task by name: finds its plugin, resolves its heads and settings, and calls it.</summary>
public sealed class TaskRunner(
    PluginCatalog catalog,
    IBackbone backbone,
    IConfiguration configuration,
    IOptions<PluginOptions> options,
    ModelIntegrity integrity,
    IEnumerable<IModelPrecondition> preconditions,
    ILoggerFactory loggerFactory)
{
    private static readonly IProgress<TaskProgress> NoProgress = new Progress<TaskProgress>();

    /// <summary>Runs one document through a task.</summary>
    /// <exception cref="TaskUnavailableException">No plugin serves the task, a required head is missing, or the plugin threw <see cref="TaskModelException"/>.</exception>
    /// <exception cref="TaskInputException">The request is invalid.</exception>
    public async Task<JsonElement> RunAsync(string task, TaskRequest request, IProgress<TaskProgress>? progress, CancellationToken cancellationToken)
    {
        var plugin = Find(task);
        CheckLimits(plugin.Descriptor, request);
        CheckModels();
        _ = BindSettings(plugin.Descriptor);
        return await ModelErrorsAsUnavailable(plugin.Descriptor, () => plugin.ExecuteAsync(request, CreateContext(plugin.Descriptor, progress), cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>
    /// Checks a request without running it (the task's input limits, then its own validation) and returns the task's
    /// canonical name, under which the job is stored.
    /// </summary>
    /// <exception cref="TaskUnavailableException">No plugin serves the task.</exception>
    /// <exception cref="TaskInputException">The request is invalid or beyond a limit.</exception>
    public string Validate(string task, TaskRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var plugin = Find(task);
        CheckLimits(plugin.Descriptor, request);
        plugin.Validate(request);
        return TaskNames.Canonical(plugin.Descriptor.Name);
    }

    /// <summary>Why the task cannot run here (a model file that fails its check, the backbone, a setting), or <see langword="null"/>.</summary>
    public string? Unavailable(TaskDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        try
        {
            CheckModels();
            _ = CreateContext(descriptor, null);
            _ = BindSettings(descriptor);
            return null;
        }
        catch (TaskUnavailableException e)
        {
            return e.Message;
        }
        catch (TaskConfigurationException e)
        {
            return e.Message;
        }
    }

    /// <summary>Binds and validates the settings the task declares (<see cref="TaskDescriptor.SettingsType"/>), if any.</summary>
    /// <exception cref="TaskConfigurationException">A setting is invalid; the message names the key.</exception>
    public object? BindSettings(TaskDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        return descriptor.SettingsType is { } type
            ? TaskSettingsBinder.Bind(type, configuration.GetSection($"{PluginOptions.SectionName}:{descriptor.Name}"))
            : null;
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
                var configured = settings[h.Name];
                var path = Path.GetFullPath(configured ?? h.DefaultPath, modelsRoot);
                var found = File.Exists(path);
                return new HeadStatus(h.Name, path, h.Required, found, h.HowToGet)
                {
                    Problem = found ? integrity.Problem(path) : null,
                    ConfiguredBy = configured is null ? null : $"{settings.Path}:{h.Name}",
                };
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

    private void CheckLimits(TaskDescriptor descriptor, TaskRequest request)
    {
        InputLimits limits;
        Func<string, string> keyOf;
        try
        {
            (limits, keyOf) = InputLimits.For(configuration, TaskNames.Canonical(descriptor.Name));
        }
        catch (InvalidLimitException e)
        {
            throw new TaskUnavailableException($"task '{descriptor.Name}': {e.Message}");
        }

        InputLimitChecker.Check(request, limits, keyOf);
    }

    // Models shared by every task (the backbone): a broken one makes every task unavailable, with the file and reason.
    private void CheckModels()
    {
        foreach (var precondition in preconditions)
        {
            if (precondition.Problem() is { } problem)
            {
                throw new TaskUnavailableException(problem);
            }
        }
    }

    private ITaskPlugin Find(string task) => catalog.Find(task);

    private TaskContext CreateContext(TaskDescriptor descriptor, IProgress<TaskProgress>? progress)
    {
        var heads = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var head in DescribeHeads(descriptor))
        {
            if (head.Found && head.Problem is { } problem)
            {
                throw new TaskUnavailableException($"task '{descriptor.Name}': head '{head.Name}': {problem}");
            }

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
            else if (head.ConfiguredBy is { } key)
            {
                // An optional head that was asked for by name: running without it would silently measure or serve
                // something else (relative paths resolve against Plugins:ModelsPath, a common slip).
                throw new TaskUnavailableException(
                    $"task '{descriptor.Name}': head '{head.Name}' set by {key} not found at '{head.Path}' " +
                    $"(a relative path resolves against {PluginOptions.SectionName}:ModelsPath '{Path.GetFullPath(options.Value.ModelsPath)}')");
            }
        }

        var section = configuration.GetSection($"{PluginOptions.SectionName}:{descriptor.Name}");
        // Bound once per run and type, however often the task asks.
        var bound = new System.Collections.Concurrent.ConcurrentDictionary<Type, object>();
        return new TaskContext(
            backbone,
            section,
            heads,
            progress ?? NoProgress,
            loggerFactory.CreateLogger("NlpHost.Tasks." + descriptor.Name),
            type => bound.GetOrAdd(type, t => TaskSettingsBinder.Bind(t, section)));
    }
}
