using Microsoft.Extensions.Logging.Console;
using NlpHost.Inference;
using NlpHost.PluginLoading;

namespace NlpHost.Composition;

/// <summary>The services every verb shares.</summary>
internal static class NlpHostServiceCollectionExtensions
{
    /// <summary>Plugins, the shared backbone and logging to standard error (standard output carries results).</summary>
    public static IServiceCollection AddNlpHostCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddLogging(logging =>
        {
            logging.ClearProviders();
            logging.AddConfiguration(configuration.GetSection("Logging"));
            logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss ";
            });
            logging.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        });
        services.AddPlugins(configuration);
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<PluginOptions>, TaskSettingsValidator>();
        services.AddBackbone(configuration);
        services.AddHomeResolution();
        services.AddSingleton<PluginLoading.Integrity.IModelPrecondition, BackbonePrecondition>();
        return services;
    }
}
