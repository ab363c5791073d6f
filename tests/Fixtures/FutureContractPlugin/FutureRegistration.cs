using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NlpHost.Abstractions.Plugins;

// What a plugin compiled against a later, incompatible contract records.
[assembly: NlpHostPlugin(typeof(FutureContractPlugin.FutureRegistration), contractMajor: 99, contractMinor: 0)]

namespace FutureContractPlugin;

public sealed class FutureRegistration : IPluginRegistration
{
    public void Register(IServiceCollection services, IConfiguration configuration) =>
        throw new InvalidOperationException("must never be called: the host refuses the contract first");
}
