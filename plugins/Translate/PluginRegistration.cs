using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NlpHost.Abstractions.Plugins;

[assembly: NlpHostPlugin(typeof(NlpHost.Tasks.Translate.PluginRegistration))]

namespace NlpHost.Tasks.Translate;

/// <summary>Registers the <c>translate</c> task and its evaluator.</summary>
public sealed class PluginRegistration : IPluginRegistration
{
    /// <inheritdoc />
    public void Register(IServiceCollection services, IConfiguration configuration) => services.AddTaskPlugin<TranslateTask>().AddTaskEvaluator<Evaluation.TranslateEvaluator>();
}
