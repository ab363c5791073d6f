using System.Text.Json.Serialization;
using NlpHost.Abstractions.Plugins;
using OpenTelemetry.Metrics;

namespace NlpHost.Api;

/// <summary>Registration and mapping of the HTTP API.</summary>
internal static class ApiServiceCollectionExtensions
{
    private static readonly double[] EncoderRunBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
    private static readonly double[] JobBuckets = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800];

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
        services.AddProblemDetails(o => o.CustomizeProblemDetails = RoutingProblems.Customize);
        services.AddOpenApi(o => o.AddDocumentTransformer<OpenApiSecurity>());
        services.AddHealthChecks()
            .AddCheck<BackboneHealthCheck>("backbone", tags: ["ready"])
            .AddCheck<QueueHealthCheck>("queue", tags: ["ready"]);
        services.AddSingleton<NlpHostMetrics>();
        // Durations are recorded in seconds; the exporter's default buckets (0 to 10,000 s) put every encoder run and
        // most jobs in the first bucket, so the buckets here span milliseconds to minutes.
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(NlpHostMetrics.MeterName, "NlpHost.Queue", "NlpHost.Inference")
            .AddView("nlphost.backbone.run.duration", new ExplicitBucketHistogramConfiguration { Boundaries = EncoderRunBuckets })
            .AddView("nlphost.queue.job.duration", new ExplicitBucketHistogramConfiguration { Boundaries = JobBuckets })
            .AddPrometheusExporter());
        return services;
    }

    public static WebApplication MapNlpHostApi(this WebApplication app, ApiOptions options)
    {
        // Unexpected faults answer a problem without internals; refusals are written by the endpoints themselves.
        app.UseExceptionHandler();
        app.UseMiddleware<ApiKeyMiddleware>();
        app.UseStatusCodePages();
        app.MapJobs(options);
        app.MapTasks(options);
        app.MapWorkers();
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false, ResponseWriter = HealthResponse.WriteAsync });
        app.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains("ready"), ResponseWriter = HealthResponse.WriteAsync });
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapOpenApi();
        // Created eagerly so its gauges exist from the first scrape.
        _ = app.Services.GetRequiredService<NlpHostMetrics>();
        return app;
    }
}
