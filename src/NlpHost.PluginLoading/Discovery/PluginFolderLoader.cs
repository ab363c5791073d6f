using System.Reflection;
using McMaster.NETCore.Plugins;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NlpHost.Abstractions;
using NlpHost.Abstractions.Evaluation;
using NlpHost.Abstractions.Plugins;

namespace NlpHost.PluginLoading.Discovery;

/// <summary>
/// Loads one plugin folder into its own load context and lets it register its services into a
/// private container, so a plugin that fails at any step takes nothing else down.
/// </summary>
internal sealed class PluginFolderLoader(IConfiguration configuration, ILoggerFactory loggerFactory)
{
    // The contract and the Microsoft.Extensions abstractions it exposes must be the host's own
    // types, or the host could not call the plugin through them.
    private static readonly Type[] SharedTypes =
    [
        typeof(ITaskPlugin), typeof(IServiceCollection), typeof(IServiceProvider),
        typeof(IConfiguration), typeof(ILogger), typeof(ILoggerFactory),
    ];

    // The plugin SDK is each plugin's private copy, although the host carries one too (the backbone batches on it):
    // without this, PreferSharedTypes would hand every plugin the host's version instead of the one it was built with.
    private static readonly AssemblyName Sdk = new("NlpHost.Tasks.Sdk");

    public LoadedPlugin Load(string name, string assemblyPath)
    {
        var loader = PluginLoader.CreateFromAssemblyFile(assemblyPath, SharedTypes, config =>
        {
            config.PreferSharedTypes = true;
            config.PrivateAssemblies.Add(Sdk);
        });
        try
        {
            var assembly = LoadAssembly(loader, name);
            var declaration = ReadDeclaration(assembly, name);
            var services = Register(declaration, name);
            return Resolve(name, loader, services);
        }
        catch
        {
            loader.Dispose();
            throw;
        }
    }

    private static Assembly LoadAssembly(PluginLoader loader, string name)
    {
        try
        {
            return loader.LoadDefaultAssembly();
        }
        catch (BadImageFormatException e)
        {
            throw new PluginLoadException($"'{name}.dll' is not a .NET assembly ({e.Message})", e);
        }
        catch (FileLoadException e)
        {
            throw new PluginLoadException($"'{name}.dll' could not be loaded: {e.Message}", e);
        }
    }

    private static NlpHostPluginAttribute ReadDeclaration(Assembly assembly, string name)
    {
        var contractReference = assembly.GetReferencedAssemblies()
            .FirstOrDefault(a => a.Name == typeof(ContractVersion).Assembly.GetName().Name);
        var declaration = assembly.GetCustomAttribute<NlpHostPluginAttribute>();
        if (contractReference is null || declaration is null)
        {
            throw new PluginLoadException(
                $"'{name}.dll' is not an NlpHost plugin: it must reference NlpHost.Abstractions and declare [assembly: NlpHostPlugin(typeof(...))]");
        }

        if (declaration.ContractMajor != ContractVersion.Major || declaration.ContractMinor > ContractVersion.Minor)
        {
            throw new PluginLoadException(
                $"'{name}' was built against plugin contract {declaration.ContractMajor}.{declaration.ContractMinor}; " +
                $"this host implements {ContractVersion.Text}. Rebuild the plugin against NlpHost.Abstractions {ContractVersion.Major}.x");
        }

        if (!typeof(IPluginRegistration).IsAssignableFrom(declaration.RegistrationType))
        {
            throw new PluginLoadException($"'{name}': {declaration.RegistrationType.FullName} does not implement IPluginRegistration");
        }

        return declaration;
    }

    private ServiceCollection Register(NlpHostPluginAttribute declaration, string name)
    {
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.AddSingleton(loggerFactory);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        try
        {
            var registration = (IPluginRegistration)Activator.CreateInstance(declaration.RegistrationType)!;
            registration.Register(services, configuration);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new PluginLoadException($"'{name}' threw while registering: {Describe(e)}", e);
        }

        return services;
    }

    private static LoadedPlugin Resolve(string name, PluginLoader loader, ServiceCollection services)
    {
        ServiceProvider? provider = null;
        try
        {
            provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
            var tasks = provider.GetServices<ITaskPlugin>().ToList();
            var evaluators = provider.GetServices<ITaskEvaluator>().ToList();
            if (tasks.Count == 0)
            {
                throw new PluginLoadException($"'{name}' registered no task: call services.AddTaskPlugin<T>() in its registration");
            }

            return new LoadedPlugin(name, loader, provider, tasks, evaluators);
        }
        catch (Exception e) when (e is not PluginLoadException and not OutOfMemoryException)
        {
            provider?.Dispose();
            throw new PluginLoadException($"'{name}' could not create its services: {Describe(e)}", e);
        }
    }

    /// <summary>Unwraps reflection wrappers so the message names the real cause (often a missing dependency).</summary>
    internal static string Describe(Exception e)
    {
        while (e is TargetInvocationException or TypeInitializationException or AggregateException && e.InnerException is not null)
        {
            e = e.InnerException!;
        }

        return e switch
        {
            FileNotFoundException f when f.FileName is not null =>
                $"missing dependency '{new AssemblyName(f.FileName).Name}' (copy it into the plugin folder, or publish the plugin with its dependencies)",
            ReflectionTypeLoadException r => string.Join("; ", r.LoaderExceptions.Where(x => x is not null).Select(x => Describe(x!)).Distinct()),
            _ => $"{e.GetType().Name}: {e.Message}",
        };
    }
}
