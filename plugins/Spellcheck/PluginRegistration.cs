using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NlpHost.Abstractions.Plugins;

[assembly: NlpHostPlugin(typeof(NlpHost.Tasks.Spellcheck.PluginRegistration))]

namespace NlpHost.Tasks.Spellcheck;

/// <summary>Registers the <c>spellcheck</c> task and its evaluator.</summary>
public sealed class PluginRegistration : IPluginRegistration
{
    /// <inheritdoc />
    public void Register(IServiceCollection services, IConfiguration configuration) =>
        services.AddSingleton<SpellcheckModelCache>().AddTaskPlugin<SpellcheckTask>().AddTaskEvaluator<Evaluation.SpellcheckEvaluator>();
}
