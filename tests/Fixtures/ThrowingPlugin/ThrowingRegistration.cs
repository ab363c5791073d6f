using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NlpHost.Abstractions.Plugins;

[assembly: NlpHostPlugin(typeof(ThrowingPlugin.ThrowingRegistration))]

namespace ThrowingPlugin;

/// <summary>A plugin whose registration fails, as one with a bad configuration would.</summary>
public sealed class ThrowingRegistration : IPluginRegistration
{
    public void Register(IServiceCollection services, IConfiguration configuration) =>
        throw new InvalidOperationException("registration exploded on purpose");
}
