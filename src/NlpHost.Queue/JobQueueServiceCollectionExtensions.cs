using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NlpHost.Queue.Internal;
using NlpHost.Queue.Internal.Execution;
using NlpHost.Queue.Internal.Options;
using NlpHost.Queue.Internal.Storage;

namespace NlpHost.Queue;

/// <summary>Registers the job queue and its worker.</summary>
public static class JobQueueServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IJobStore"/> for the backend named by <c>Queue:Provider</c>, validates the <c>Queue</c> section
    /// on start and creates or migrates the schema when the host starts.
    /// </summary>
    public static IServiceCollection AddJobQueue(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<QueueOptions>().Bind(configuration.GetSection(QueueOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<QueueOptions>, QueueOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IJobStore>(provider => CreateStore(
            provider.GetRequiredService<IOptions<QueueOptions>>().Value, provider.GetRequiredService<TimeProvider>()));
        // The same store object: administration is a second face of it, not a second connection pool.
        services.TryAddSingleton(provider => provider.GetRequiredService<IJobStore>() as IJobAdministration
            ?? throw new InvalidOperationException("the registered IJobStore does not implement IJobAdministration"));
        services.TryAddSingleton(provider => provider.GetRequiredService<IJobStore>() as IJobWakeups ?? IJobWakeups.None);
        services.AddHostedService<JobQueueInitializer>();
        return services;
    }

    /// <summary>
    /// Registers the background worker that runs queued jobs through the host's <see cref="IJobExecutor"/>, and validates
    /// the <c>Worker</c> section on start. Needs <see cref="AddJobQueue"/> and an <see cref="IJobExecutor"/> registration.
    /// Raises the host's shutdown timeout above <c>Worker:ShutdownGraceSeconds</c> so running jobs get their grace period.
    /// </summary>
    public static IServiceCollection AddJobWorker(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<WorkerOptions>().Bind(configuration.GetSection(WorkerOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WorkerOptions>, WorkerOptionsValidator>());
        // Read raw rather than through IOptions<WorkerOptions>: HostOptions is built with the host, before validation on start.
        var grace = configuration.GetSection(WorkerOptions.SectionName).GetValue(nameof(WorkerOptions.ShutdownGraceSeconds), new WorkerOptions().ShutdownGraceSeconds);
        services.Configure<HostOptions>(host =>
        {
            var needed = TimeSpan.FromSeconds(Math.Max(0, grace) + 10);
            if (host.ShutdownTimeout < needed)
            {
                host.ShutdownTimeout = needed;
            }
        });
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<JobMetrics>();
        services.TryAddSingleton<FaultClassifier>();
        services.TryAddSingleton<JobPipelines>();
        services.TryAddSingleton<CompletionWriter>();
        services.TryAddSingleton<JobRunner>();
        services.TryAddSingleton<LeaseHeartbeat>();
        services.AddHostedService<JobWorker>();
        services.AddRetention(configuration);
        return services;
    }

    /// <summary>
    /// Declares <typeparamref name="TException"/> (and its subclasses) a transient fault of the host's
    /// <see cref="IJobExecutor"/>: a job that throws it is retried with backoff instead of failing.
    /// </summary>
    public static IServiceCollection AddTransientJobFault<TException>(this IServiceCollection services)
        where TException : Exception
    {
        services.Configure<JobFaultOptions>(options => options.TransientExceptions.Add(typeof(TException)));
        return services;
    }

    private static void AddRetention(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RetentionOptions>().Bind(configuration.GetSection(RetentionOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RetentionOptions>, RetentionOptionsValidator>());
        services.AddHostedService<RetentionService>();
    }

    private static SqlJobStore CreateStore(QueueOptions options, TimeProvider time) => options.Provider switch
    {
        QueueProvider.Sqlite => new SqliteJobStore(options.DataDirectory, time, options.DefaultMaxAttempts, options.CompressResultsAboveBytes),
        QueueProvider.Postgres => new PostgresJobStore(options.ConnectionString!, time, options.DefaultMaxAttempts, options.CompressResultsAboveBytes),
        _ => throw new InvalidOperationException($"Queue:Provider '{options.Provider}' is not supported; use 'sqlite' or 'postgres'"),
    };
}
