using System.Runtime.Loader;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using NlpHost.Abstractions.Plugins;
using NlpHost.PluginLoading.Discovery;
using NlpHost.Tasks.Sdk.Batching;
using NlpHost.Tests.Infrastructure;

namespace NlpHost.Tests.Plugins;

/// <summary>The host carries the plugin SDK (the backbone batches on it), yet each plugin must get the copy it ships.</summary>
public sealed class PrivateSdkTests(FixturePlugins fixtures) : IClassFixture<FixturePlugins>
{
    [Fact]
    public async Task A_plugin_loads_its_own_sdk_copy_while_the_contract_stays_the_hosts()
    {
        var folder = fixtures.Install(fixtures.NewPluginsFolder(), "ExamplePlugin");
        var hostCopy = typeof(MicroBatcher<,>).Assembly; // loaded in the default context, as in nlphost

        await using var plugin = new PluginFolderLoader(new ConfigurationBuilder().Build(), NullLoggerFactory.Instance)
            .Load("ExamplePlugin", Path.Combine(folder, "ExamplePlugin.dll"));
        var context = AssemblyLoadContext.GetLoadContext(plugin.Tasks[0].GetType().Assembly)!;
        var pluginCopy = context.LoadFromAssemblyName(hostCopy.GetName());

        Assert.NotSame(AssemblyLoadContext.Default, context);
        Assert.NotSame(hostCopy, pluginCopy);
        Assert.Same(context, AssemblyLoadContext.GetLoadContext(pluginCopy));
        Assert.Equal(Path.Combine(folder, "NlpHost.Tasks.Sdk.dll"), pluginCopy.Location);
        Assert.Same(typeof(ITaskPlugin).Assembly, context.LoadFromAssemblyName(typeof(ITaskPlugin).Assembly.GetName()));
    }
}
