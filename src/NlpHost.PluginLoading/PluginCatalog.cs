using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NlpHost.Abstractions.Evaluation;
using NlpHost.Abstractions.Plugins;
using NlpHost.PluginLoading.Discovery;

namespace NlpHost.PluginLoading;

/// <summary>
/// The plugins found at start and the tasks they serve. Loading happens once, on first use; a plugin
/// that fails is recorded with its reason and skipped.
/// </summary>
public sealed partial class PluginCatalog : IAsyncDisposable
{
    private readonly PluginOptions _options;
    private readonly PluginFolderLoader _loader;
    private readonly ILogger<PluginCatalog> _logger;
    private readonly Lazy<Loaded> _loaded;

    /// <summary>Creates the catalog; nothing is loaded until it is first used.</summary>
    public PluginCatalog(IOptions<PluginOptions> options, IConfiguration configuration, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _loader = new PluginFolderLoader(configuration, loggerFactory);
        _logger = loggerFactory.CreateLogger<PluginCatalog>();
        _loaded = new Lazy<Loaded>(LoadAll, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Every plugin folder and what became of it.</summary>
    public IReadOnlyList<PluginRecord> Plugins => _loaded.Value.Records;

    /// <summary>The tasks served, by canonical name (<see cref="TaskNames.Canonical"/>); lookups ignore case.</summary>
    public IReadOnlyDictionary<string, ITaskPlugin> Tasks => _loaded.Value.Tasks;

    /// <summary>The task served under <paramref name="task"/> (any case, any alias of <see cref="TaskNames"/>).</summary>
    /// <exception cref="Execution.TaskUnavailableException">No plugin serves it; the message names the served tasks.</exception>
    public ITaskPlugin Find(string task) =>
        Tasks.TryGetValue(TaskNames.Canonical(task), out var plugin) ? plugin : throw Execution.TaskUnavailableException.Unknown(task, Tasks.Keys);

    /// <summary>Finds a task's evaluator, if its plugin has one.</summary>
    public ITaskEvaluator? FindEvaluator(string task) =>
        _loaded.Value.Evaluators.TryGetValue(TaskNames.Canonical(task), out var evaluator) ? evaluator : null;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_loaded.IsValueCreated)
        {
            foreach (var plugin in _loaded.Value.Plugins)
            {
                await plugin.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private Loaded LoadAll()
    {
        var root = _options.ResolvePath();
        var loaded = new Loaded();
        if (!Directory.Exists(root))
        {
            LogNoPluginFolder(root);
            return loaded;
        }

        var candidates = new List<Candidate>();
        foreach (var folder in Directory.EnumerateDirectories(root).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(folder);
            var assemblyPath = Path.Combine(folder, name + ".dll");
            candidates.Add(LoadOne(name, assemblyPath, loaded));
        }

        // A copy of a plugin under another folder name must not silently take over a task: both claimants are refused
        // (folder order is no way to choose), until configuration disables one of them.
        var claims = candidates.SelectMany(c => c.Tasks.Select(t => (Task: TaskNames.Canonical(t.Descriptor.Name), c.Name)))
            .GroupBy(c => c.Task, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .ToDictionary(g => g.Key, g => g.Select(c => c.Name).ToList(), StringComparer.Ordinal);
        foreach (var candidate in candidates)
        {
            loaded.Records.Add(candidate.Record ?? Accept(candidate, claims, loaded));
        }

        return loaded;
    }

    private Candidate LoadOne(string name, string assemblyPath, Loaded loaded)
    {
        if (IsListed(_options.Disabled, name))
        {
            LogPluginDisabled(name);
            return new Candidate(name, assemblyPath, null, [], new PluginRecord(name, assemblyPath, PluginState.Disabled, null, []));
        }

        if (!File.Exists(assemblyPath))
        {
            return new Candidate(name, assemblyPath, null, [], Fail(name, assemblyPath, $"no '{name}.dll' in folder '{Path.GetDirectoryName(assemblyPath)}' (a plugin folder must hold an assembly of its own name)"));
        }

        LoadedPlugin plugin;
        try
        {
            plugin = _loader.Load(name, assemblyPath);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new Candidate(name, assemblyPath, null, [], Fail(name, assemblyPath, e is PluginLoadException ? e.Message : $"'{name}': {PluginFolderLoader.Describe(e)}"));
        }

        // Kept to be disposed with the others at shutdown, whatever becomes of its tasks: disposal is asynchronous.
        loaded.Plugins.Add(plugin);
        var enabled = new List<ITaskPlugin>();
        foreach (var task in plugin.Tasks)
        {
            if (IsEnabled(name, task.Descriptor.Name))
            {
                enabled.Add(task);
            }
            else
            {
                LogTaskDisabled(task.Descriptor.Name, name);
            }
        }

        return new Candidate(name, assemblyPath, plugin, enabled, null);
    }

    private PluginRecord Accept(Candidate candidate, Dictionary<string, List<string>> claims, Loaded loaded)
    {
        var clashes = candidate.Tasks.Select(t => TaskNames.Canonical(t.Descriptor.Name)).Where(claims.ContainsKey).ToList();
        if (clashes.Count > 0)
        {
            var detail = string.Join("; ", clashes.Select(t => $"task '{t}' is also claimed by plugin " +
                string.Join(", ", claims[t].Where(n => n != candidate.Name).Select(n => $"'{n}'"))));
            return Fail(candidate.Name, candidate.AssemblyPath, $"{detail}: two plugins cannot serve one task; disable one with {PluginOptions.SectionName}:Disabled");
        }

        var served = new List<TaskDescriptor>();
        foreach (var task in candidate.Tasks)
        {
            loaded.Tasks[TaskNames.Canonical(task.Descriptor.Name)] = task;
            served.Add(task.Descriptor);
            LogTaskLoaded(task.Descriptor.Name, task.Descriptor.Version, candidate.Name);
        }

        foreach (var evaluator in candidate.Plugin!.Evaluators.Where(e => served.Any(t => TaskNames.Same(t.Name, e.TaskName))))
        {
            loaded.Evaluators.TryAdd(TaskNames.Canonical(evaluator.TaskName), evaluator);
        }

        return served.Count == 0
            ? new PluginRecord(candidate.Name, candidate.AssemblyPath, PluginState.Disabled, "all its tasks are disabled", [])
            : new PluginRecord(candidate.Name, candidate.AssemblyPath, PluginState.Loaded, null, served);
    }

    // Enabled and Disabled name plugin folders or tasks; task names are known only once a plugin is loaded.
    private bool IsEnabled(string plugin, string task) =>
        !IsListed(_options.Disabled, task)
        && (_options.Enabled.Count == 0 || IsListed(_options.Enabled, plugin) || IsListed(_options.Enabled, task));

    private PluginRecord Fail(string name, string assemblyPath, string error)
    {
        LogPluginFailed(name, error);
        return new PluginRecord(name, assemblyPath, PluginState.Failed, error, []);
    }

    private static bool IsListed(IList<string> list, string name) => list.Any(x => string.Equals(x, name, StringComparison.OrdinalIgnoreCase));

    private sealed record Candidate(string Name, string AssemblyPath, LoadedPlugin? Plugin, IReadOnlyList<ITaskPlugin> Tasks, PluginRecord? Record);

    private sealed class Loaded
    {
        public List<PluginRecord> Records { get; } = [];
        public List<LoadedPlugin> Plugins { get; } = [];
        public Dictionary<string, ITaskPlugin> Tasks { get; } = new(StringComparer.OrdinalIgnoreCase);
        public Dictionary<string, ITaskEvaluator> Evaluators { get; } = new(StringComparer.OrdinalIgnoreCase);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Plugin folder '{Folder}' does not exist; no tasks are served")]
    private partial void LogNoPluginFolder(string folder);

    [LoggerMessage(Level = LogLevel.Information, Message = "Plugin '{Name}' is disabled by configuration")]
    private partial void LogPluginDisabled(string name);

    [LoggerMessage(Level = LogLevel.Information, Message = "Task '{Task}' of plugin '{Name}' is disabled by configuration")]
    private partial void LogTaskDisabled(string task, string name);

    [LoggerMessage(Level = LogLevel.Error, Message = "Plugin '{Name}' skipped: {Reason}")]
    private partial void LogPluginFailed(string name, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Task '{Task}' {Version} loaded from plugin '{Name}'")]
    private partial void LogTaskLoaded(string task, string version, string name);
}
