using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NlpHost.Abstractions.Plugins;

[assembly: NlpHostPlugin(typeof(NlpHost.Tasks.Qa.PluginRegistration))]

namespace NlpHost.Tasks.Qa;

/// <summary>Registers the <c>qa</c> task.</summary>
public sealed class PluginRegistration : IPluginRegistration
{
    /// <inheritdoc />
    public void Register(IServiceCollection services, IConfiguration configuration) => services.AddTaskPlugin<QaTask>().AddTaskEvaluator<Evaluation.QaEvaluator>();
}
