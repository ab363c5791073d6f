using System.Text.Json.Serialization;
using NlpHost.Abstractions.Plugins;
using OpenTelemetry.Metrics;

namespace NlpHost.Api;

/// <summary>Registration and mapping of the HTTP API.</summary>
internal static class ApiServiceCollectionExtensions
{
    public static IServiceCollection AddNlpHostApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ApiOptions>()
            .Bind(configuration.GetSection(ApiOptions.SectionName))
            .Configure(options =>
            {
                // NLPHOST_Api__Keys=a,b or --Api:Keys a,b give one string, which list binding would silently drop,
                // leaving the API open: take it as a comma-separated list.
                if (configuration[$"{ApiOptions.SectionName}:{nameof(ApiOptions.Keys)}"] is { Length: > 0 } keys)
                {
                    foreach (var key in keys.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                    {
                        options.Keys.Add(key);
                    }
                }
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = TaskJson.Options.PropertyNamingPolicy;
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(TaskJson.Options.PropertyNamingPolicy));
        });
        services.AddProblemDetails();
        services.AddOpenApi();
        services.AddHealthChecks()
            .AddCheck<BackboneHealthCheck>("backbone", tags: ["ready"])
            .AddCheck<QueueHealthCheck>("queue", tags: ["ready"]);
        services.AddSingleton<NlpHostMetrics>();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(NlpHostMetrics.MeterName, "NlpHost.Queue", "NlpHost.Inference")
            .AddPrometheusExporter());
        return services;
    }

    public static WebApplication MapNlpHostApi(this WebApplication app, ApiOptions options)
    {
        app.UseMiddleware<ApiKeyMiddleware>();
        app.UseStatusCodePages();
        app.MapJobs(options);
        app.MapTasks(options);
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains("ready") });
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapOpenApi();
        // Created eagerly so its gauges exist from the first scrape.
        _ = app.Services.GetRequiredService<NlpHostMetrics>();
        return app;
    }
}
