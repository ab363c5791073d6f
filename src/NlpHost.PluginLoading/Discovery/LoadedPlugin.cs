using Microsoft.Extensions.DependencyInjection;
using McMaster.NETCore.Plugins;
using NlpHost.Abstractions.Evaluation;
using NlpHost.Abstractions.Plugins;

namespace NlpHost.PluginLoading.Discovery;

/// <summary>A plugin that loaded: its load context, its private service provider and what it provides.</summary>
internal sealed class LoadedPlugin(string name, PluginLoader loader, ServiceProvider services, IReadOnlyList<ITaskPlugin> tasks, IReadOnlyList<ITaskEvaluator> evaluators)
    : IAsyncDisposable
{
    public string Name { get; } = name;

    public IReadOnlyList<ITaskPlugin> Tasks { get; } = tasks;

    public IReadOnlyList<ITaskEvaluator> Evaluators { get; } = evaluators;

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync().ConfigureAwait(false);
        loader.Dispose();
    }
}
