using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NlpHost.Abstractions.Plugins;

[assembly: NlpHostPlugin(typeof(NlpHost.Tasks.Clustering.PluginRegistration))]

namespace NlpHost.Tasks.Clustering;

/// <summary>Registers the <c>cluster</c> task.</summary>
public sealed class PluginRegistration : IPluginRegistration
{
    /// <inheritdoc />
    public void Register(IServiceCollection services, IConfiguration configuration) => services.AddTaskPlugin<ClusteringTask>().AddTaskEvaluator<Evaluation.ClusteringEvaluator>();
}
