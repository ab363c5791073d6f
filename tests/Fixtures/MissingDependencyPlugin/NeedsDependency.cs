using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MissingDependencyLibrary;
using NlpHost.Abstractions.Plugins;

[assembly: NlpHostPlugin(typeof(MissingDependencyPlugin.NeedsDependencyRegistration))]

namespace MissingDependencyPlugin;

/// <summary>Uses a type from a library the test deletes from the plugin folder.</summary>
public sealed class NeedsDependencyRegistration : IPluginRegistration
{
    public void Register(IServiceCollection services, IConfiguration configuration) => services.AddSingleton(Create());

    private static Dependency Create() => new("dependency");
}
