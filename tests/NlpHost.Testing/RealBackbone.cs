using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using NlpHost.Abstractions.Backbone;
using NlpHost.Abstractions.Plugins;
using NlpHost.Inference;
using NlpHost.PluginLoading.Settings;

namespace NlpHost.Testing;

/// <summary>
/// The real default backbone on the CPU, shared by the tests of a class (an xunit class fixture); the one fixture for
/// the backbone's own tests and the plugins' tests. <see cref="BuildServices"/> gives a test its own backbone with
/// other settings (another precision, a bad key).
/// </summary>
public sealed class RealBackbone : IAsyncDisposable
{
    private readonly ServiceProvider _services = BuildServices(new Dictionary<string, string?>());

    /// <summary>The repository root, recorded at build time.</summary>
    public static string RepoRoot { get; } = typeof(RealBackbone).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;

    public IBackbone Backbone => _services.GetRequiredService<IBackbone>();

    /// <summary>Services with the backbone registered as the host does, on the CPU unless <paramref name="settings"/> say otherwise.</summary>
    public static ServiceProvider BuildServices(IDictionary<string, string?> settings, Action<IServiceCollection>? extra = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var all = new Dictionary<string, string?> { ["Backbone:ExecutionProvider"] = "cpu" };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(all).Build();
        var services = new ServiceCollection().AddLogging();
        extra?.Invoke(services);
        services.AddBackbone(configuration, o => o.BaseDirectory = RepoRoot);
        return services.BuildServiceProvider();
    }

    public static float Cosine(float[] a, float[] b) => System.Numerics.Tensors.TensorPrimitives.CosineSimilarity(a, b);

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
