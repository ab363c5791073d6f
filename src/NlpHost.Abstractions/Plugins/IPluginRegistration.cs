using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace NlpHost.Abstractions.Plugins;

/// <summary>
/// Entry point of a plugin: the host calls it once, at start, so the plugin can register its
/// task(s) with <see cref="TaskPluginServiceCollectionExtensions.AddTaskPlugin{TPlugin}"/> and any services they need.
/// </summary>
public interface IPluginRegistration
{
    /// <summary>Registers the plugin's services.</summary>
    /// <param name="services">The host's service collection.</param>
    /// <param name="configuration">The host's whole configuration, for plugins that bind their own options.</param>
    void Register(IServiceCollection services, IConfiguration configuration);
}
