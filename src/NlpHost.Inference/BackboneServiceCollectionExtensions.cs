using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NlpHost.Abstractions.Backbone;
using NlpHost.Inference.Internal;

namespace NlpHost.Inference;

/// <summary>Registers the shared encoder.</summary>
public static class BackboneServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IBackbone"/> as a singleton bound to the <c>Backbone</c> section and validated on start.
    /// The model is loaded on first use, so commands that never touch it do not pay for it.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">Configuration root (or any configuration holding a <c>Backbone</c> section).</param>
    /// <param name="configure">Optional overrides applied after binding, e.g. <c>o =&gt; o.BaseDirectory = contentRoot</c>.</param>
    public static IServiceCollection AddBackbone(this IServiceCollection services, IConfiguration configuration, Action<BackboneOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var builder = services.AddOptions<BackboneOptions>().Bind(configuration.GetSection(BackboneOptions.SectionName));
        if (configure is not null)
        {
            builder.PostConfigure(configure);
        }

        builder.ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BackboneOptions>, BackboneOptionsValidator>());
        services.TryAddSingleton<IBackbone>(sp => new LazyBackbone(
            () => Backbone.Create(
                sp.GetRequiredService<IOptions<BackboneOptions>>().Value,
                sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance,
                sp.GetService<IMeterFactory>())));
        return services;
    }
}
