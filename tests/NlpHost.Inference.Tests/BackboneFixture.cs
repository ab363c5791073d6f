using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NlpHost.Abstractions.Backbone;

namespace NlpHost.Inference.Tests;

/// <summary>The real default model, loaded once per test class.</summary>
public sealed class BackboneFixture : IAsyncLifetime
{
    private readonly ServiceProvider _services = BuildServices(new Dictionary<string, string?> { ["Backbone:ExecutionProvider"] = "cpu" });

    public IBackbone Backbone => _services.GetRequiredService<IBackbone>();

    public static string RepoRoot { get; } = typeof(BackboneFixture).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;

    public static ServiceProvider BuildServices(IDictionary<string, string?> settings, Action<IServiceCollection>? extra = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        extra?.Invoke(services);
        services.AddBackbone(configuration, o => o.BaseDirectory = RepoRoot);
        return services.BuildServiceProvider();
    }

    public static float Cosine(float[] a, float[] b) => System.Numerics.Tensors.TensorPrimitives.CosineSimilarity(a, b);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _services.DisposeAsync();
}
