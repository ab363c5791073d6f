using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using NlpHost.Abstractions.Backbone;

namespace NlpHost.Abstractions.Plugins;

/// <summary>What the host hands a task for one run.</summary>
public sealed class TaskContext
{
    private readonly Func<Type, object>? _bindSettings;

    /// <summary>Creates a context; the host does this, tests may too.</summary>
    public TaskContext(IBackbone backbone, IConfiguration settings, IReadOnlyDictionary<string, string> heads, IProgress<TaskProgress> progress, ILogger logger)
        : this(backbone, settings, heads, progress, logger, null)
    {
    }

    /// <summary>Creates a context whose typed settings come from <paramref name="bindSettings"/> (contract 1.4).</summary>
    /// <param name="backbone">The shared encoder.</param>
    /// <param name="settings">The plugin's section, <c>Plugins:&lt;task&gt;</c>.</param>
    /// <param name="heads">Absolute paths of the heads found.</param>
    /// <param name="progress">Receives the job's progress.</param>
    /// <param name="logger">A logger named after the task.</param>
    /// <param name="bindSettings">Binds and validates the plugin's section into a settings type; throws <see cref="TaskConfigurationException"/>.</param>
    public TaskContext(IBackbone backbone, IConfiguration settings, IReadOnlyDictionary<string, string> heads, IProgress<TaskProgress> progress, ILogger logger,
        Func<Type, object>? bindSettings)
    {
        _bindSettings = bindSettings;
        Backbone = backbone;
        Settings = settings;
        Heads = heads;
        Progress = progress;
        Logger = logger;
    }

    /// <summary>The shared encoder, its tokenizer and the head runtime.</summary>
    public IBackbone Backbone { get; }

    /// <summary>The plugin's configuration section, <c>Plugins:&lt;task&gt;</c>.</summary>
    public IConfiguration Settings { get; }

    /// <summary>Absolute paths of the heads that were found, by <see cref="HeadRequirement.Name"/>.</summary>
    public IReadOnlyDictionary<string, string> Heads { get; }

    /// <summary>Reports progress to the job (and to the API).</summary>
    public IProgress<TaskProgress> Progress { get; }

    /// <summary>A logger named after the task.</summary>
    public ILogger Logger { get; }

    /// <summary>
    /// The plugin's settings bound from <see cref="Settings"/> and validated by the host (contract 1.4): the type the
    /// descriptor declares in <see cref="TaskDescriptor.SettingsType"/>.
    /// </summary>
    /// <exception cref="TaskConfigurationException">A setting is not of its type or breaks its rule; the message names the key.</exception>
    public TSettings GetSettings<TSettings>() where TSettings : class =>
        _bindSettings is { } bind
            ? (TSettings)bind(typeof(TSettings))
            : throw new InvalidOperationException($"this context was created without a settings binder; {typeof(TSettings).Name} cannot be bound");
}
