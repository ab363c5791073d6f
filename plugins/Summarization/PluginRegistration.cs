using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NlpHost.Abstractions.Plugins;

[assembly: NlpHostPlugin(typeof(NlpHost.Tasks.Summarization.PluginRegistration))]

namespace NlpHost.Tasks.Summarization;

/// <summary>Registers the <c>summarize</c> task and its evaluator.</summary>
public sealed class PluginRegistration : IPluginRegistration
{
    /// <inheritdoc />
    public void Register(IServiceCollection services, IConfiguration configuration) =>
        services.AddTaskPlugin<SummarizationTask>().AddTaskEvaluator<Evaluation.SummarizationEvaluator>();
}
