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

    /// <summary>The tasks served, by name.</summary>
    public IReadOnlyDictionary<string, ITaskPlugin> Tasks => _loaded.Value.Tasks;

    /// <summary>Finds a task's evaluator, if its plugin has one.</summary>
    public ITaskEvaluator? FindEvaluator(string task) =>
        _loaded.Value.Evaluators.TryGetValue(task, out var evaluator) ? evaluator : null;

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

        foreach (var folder in Directory.EnumerateDirectories(root).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(folder);
            var assemblyPath = Path.Combine(folder, name + ".dll");
            loaded.Records.Add(LoadOne(name, assemblyPath, loaded));
        }

        return loaded;
    }

    private PluginRecord LoadOne(string name, string assemblyPath, Loaded loaded)
    {
        if (IsListed(_options.Disabled, name))
        {
            LogPluginDisabled(name);
            return new PluginRecord(name, assemblyPath, PluginState.Disabled, null, []);
        }

        if (!File.Exists(assemblyPath))
        {
            return Fail(name, assemblyPath, $"no '{name}.dll' in folder '{Path.GetDirectoryName(assemblyPath)}' (a plugin folder must hold an assembly of its own name)");
        }

        LoadedPlugin plugin;
        try
        {
            plugin = _loader.Load(name, assemblyPath);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Fail(name, assemblyPath, e is PluginLoadException ? e.Message : $"'{name}': {PluginFolderLoader.Describe(e)}");
        }

        var served = new List<TaskDescriptor>();
        foreach (var task in plugin.Tasks)
        {
            var descriptor = task.Descriptor;
            if (!IsEnabled(name, descriptor.Name))
            {
                LogTaskDisabled(descriptor.Name, name);
                continue;
            }

            if (!loaded.Tasks.TryAdd(descriptor.Name, task))
            {
                LogDuplicateTask(descriptor.Name, name);
                continue;
            }

            served.Add(descriptor);
            LogTaskLoaded(descriptor.Name, descriptor.Version, name);
        }

        foreach (var evaluator in plugin.Evaluators.Where(e => served.Any(t => t.Name == e.TaskName)))
        {
            loaded.Evaluators.TryAdd(evaluator.TaskName, evaluator);
        }

        if (served.Count == 0)
        {
            // Kept only to be disposed with the others at shutdown: disposal is asynchronous and this path is not.
            loaded.Plugins.Add(plugin);
            return new PluginRecord(name, assemblyPath, PluginState.Disabled, "all its tasks are disabled or served by another plugin", []);
        }

        loaded.Plugins.Add(plugin);
        return new PluginRecord(name, assemblyPath, PluginState.Loaded, null, served);
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

    [LoggerMessage(Level = LogLevel.Error, Message = "Task '{Task}' of plugin '{Name}' skipped: another plugin already serves it")]
    private partial void LogDuplicateTask(string task, string name);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Task '{Task}' {Version} loaded from plugin '{Name}'")]
    private partial void LogTaskLoaded(string task, string version, string name);
}
