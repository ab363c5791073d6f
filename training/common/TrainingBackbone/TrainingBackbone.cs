using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NlpHost.Abstractions.Backbone;
using NlpHost.Inference;

namespace NlpHost.Training;

/// <summary>
/// The backbone a dump script computes training features with: the default model on the CPU execution provider (a
/// dump must give the same rows on any machine, and training data never needs CUDA), every path resolved against the
/// working directory, which is the repository root. Dispose it to release the session.
/// </summary>
public sealed class TrainingBackbone : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private TrainingBackbone(ServiceProvider services)
    {
        _services = services;
        Backbone = services.GetRequiredService<IBackbone>();
    }

    /// <summary>The loaded backbone.</summary>
    public IBackbone Backbone { get; }

    /// <summary>Loads the backbone.</summary>
    public static TrainingBackbone Open()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Backbone:ExecutionProvider"] = "cpu" }).Build();
        return new TrainingBackbone(new ServiceCollection().AddLogging().AddBackbone(config, o => o.BaseDirectory = Directory.GetCurrentDirectory()).BuildServiceProvider());
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
