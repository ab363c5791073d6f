using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NlpHost.Abstractions.Plugins;

[assembly: NlpHostPlugin(typeof(NlpHost.Tasks.Translation.PluginRegistration))]

namespace NlpHost.Tasks.Translation;

/// <summary>Registers the <c>translate</c> task and its evaluator.</summary>
public sealed class PluginRegistration : IPluginRegistration
{
    /// <inheritdoc />
    public void Register(IServiceCollection services, IConfiguration configuration) => services.AddTaskPlugin<TranslationTask>().AddTaskEvaluator<Evaluation.TranslationEvaluator>();
}
