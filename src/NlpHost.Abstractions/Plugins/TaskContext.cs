using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using NlpHost.Abstractions.Backbone;

namespace NlpHost.Abstractions.Plugins;

/// <summary>What the host hands a task for one run.</summary>
public sealed class TaskContext
{
    /// <summary>Creates a context; the host does this, tests may too.</summary>
    public TaskContext(IBackbone backbone, IConfiguration settings, IReadOnlyDictionary<string, string> heads, IProgress<TaskProgress> progress, ILogger logger)
    {
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
}
