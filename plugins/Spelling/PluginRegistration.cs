using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NlpHost.Abstractions.Plugins;

[assembly: NlpHostPlugin(typeof(NlpHost.Tasks.Spelling.PluginRegistration))]

namespace NlpHost.Tasks.Spelling;

/// <summary>Registers the <c>spellcheck</c> task and its evaluator.</summary>
public sealed class PluginRegistration : IPluginRegistration
{
    /// <inheritdoc />
    public void Register(IServiceCollection services, IConfiguration configuration) =>
        services.AddSingleton<SpellingModelCache>().AddTaskPlugin<SpellcheckTask>().AddTaskEvaluator<Evaluation.SpellingEvaluator>();
}
