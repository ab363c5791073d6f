using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NlpHost.Abstractions.Plugins;

[assembly: NlpHostPlugin(typeof(NlpHost.Tasks.QuestionAnswering.PluginRegistration))]

namespace NlpHost.Tasks.QuestionAnswering;

/// <summary>Registers the <c>qa</c> task.</summary>
public sealed class PluginRegistration : IPluginRegistration
{
    /// <inheritdoc />
    public void Register(IServiceCollection services, IConfiguration configuration) => services.AddTaskPlugin<QuestionAnsweringTask>().AddTaskEvaluator<Evaluation.QaEvaluator>();
}
