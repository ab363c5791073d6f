using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using NlpHost.Abstractions.Backbone;
using NlpHost.Abstractions.Plugins;
using NlpHost.Inference;
using NlpHost.PluginLoading.Settings;

namespace NlpHost.Testing;

/// <summary>The real default backbone on the CPU, shared by the tests of a class (an xunit class fixture).</summary>
public sealed class RealBackbone : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public RealBackbone()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Backbone:ExecutionProvider"] = "cpu" })
            .Build();
        _services = new ServiceCollection().AddLogging().AddBackbone(configuration, o => o.BaseDirectory = RepoRoot).BuildServiceProvider();
    }

    /// <summary>The repository root, recorded at build time.</summary>
    public static string RepoRoot { get; } = typeof(RealBackbone).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;

    public IBackbone Backbone => _services.GetRequiredService<IBackbone>();

    /// <summary>A context as the host would build it, with optional plugin settings (of <c>Plugins:&lt;task&gt;</c>) and heads.</summary>
    public TaskContext Context(IDictionary<string, string?>? settings = null, IReadOnlyDictionary<string, string>? heads = null, IProgress<TaskProgress>? progress = null,
        string task = "task")
    {
        var section = PluginSettings.Section(task, settings);
        return new(Backbone, section, heads ?? new Dictionary<string, string>(), progress ?? new Progress<TaskProgress>(), NullLogger.Instance,
            type => TaskSettingsBinder.Bind(type, section));
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
