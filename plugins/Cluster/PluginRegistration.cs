using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NlpHost.Abstractions.Plugins;

[assembly: NlpHostPlugin(typeof(NlpHost.Tasks.Cluster.PluginRegistration))]

namespace NlpHost.Tasks.Cluster;

/// <summary>Registers the <c>cluster</c> task.</summary>
public sealed class PluginRegistration : IPluginRegistration
{
    /// <inheritdoc />
    public void Register(IServiceCollection services, IConfiguration configuration) => services.AddTaskPlugin<ClusterTask>().AddTaskEvaluator<Evaluation.ClusterEvaluator>();
}
