using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NlpHost.Abstractions.Evaluation;

namespace NlpHost.Abstractions.Plugins;

/// <summary>Registration helpers for plugins.</summary>
public static class TaskPluginServiceCollectionExtensions
{
    /// <summary>Registers a task as a singleton <see cref="ITaskPlugin"/>.</summary>
    public static IServiceCollection AddTaskPlugin<TPlugin>(this IServiceCollection services)
        where TPlugin : class, ITaskPlugin
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITaskPlugin, TPlugin>());
        return services;
    }

    /// <summary>Registers the evaluator behind <c>nlphost eval &lt;task&gt;</c>.</summary>
    public static IServiceCollection AddTaskEvaluator<TEvaluator>(this IServiceCollection services)
        where TEvaluator : class, ITaskEvaluator
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITaskEvaluator, TEvaluator>());
        return services;
    }
}
