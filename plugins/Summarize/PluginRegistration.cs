using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NlpHost.Abstractions.Plugins;

[assembly: NlpHostPlugin(typeof(NlpHost.Tasks.Summarize.PluginRegistration))]

namespace NlpHost.Tasks.Summarize;

/// <summary>Registers the <c>summarize</c> task and its evaluator.</summary>
public sealed class PluginRegistration : IPluginRegistration
{
    /// <inheritdoc />
    public void Register(IServiceCollection services, IConfiguration configuration) =>
        services.AddTaskPlugin<SummarizeTask>().AddTaskEvaluator<Evaluation.SummarizeEvaluator>();
}
