using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NlpHost.PluginLoading.Execution;

namespace NlpHost.PluginLoading;

/// <summary>Registration of plugin discovery and task execution.</summary>
public static class PluginLoadingServiceCollectionExtensions
{
    /// <summary>
    /// Adds the <see cref="PluginCatalog"/> (plugins from <c>Plugins:Path</c>) and the <see cref="TaskRunner"/>.
    /// The host must also register an <see cref="Abstractions.Backbone.IBackbone"/>.
    /// </summary>
    public static IServiceCollection AddPlugins(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PluginOptions>()
            .Bind(configuration.GetSection(PluginOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<PluginCatalog>();
        services.AddSingleton<TaskRunner>();
        services.AddSingleton<Integrity.ModelIntegrity>();
        return services;
    }
}
