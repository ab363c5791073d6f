using NlpHost.Queue;

namespace NlpHost.Composition;

/// <summary>The queue, and optionally the worker that drains it through the plugins.</summary>
internal static class QueueComposition
{
    public static IServiceCollection AddQueue(this IServiceCollection services, IConfiguration configuration, bool withWorker)
    {
        services.AddJobQueue(configuration);
        if (withWorker)
        {
            services.AddSingleton<IJobExecutor, TaskJobExecutor>();
            services.AddJobWorker(configuration);
            // A runtime fault of the backbone (e.g. a device that failed for a moment) may pass: retry it with backoff.
            services.AddTransientJobFault<Microsoft.ML.OnnxRuntime.OnnxRuntimeException>();
        }

        return services;
    }
}
