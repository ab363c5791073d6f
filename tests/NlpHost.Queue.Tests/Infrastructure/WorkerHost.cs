using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace NlpHost.Queue.Tests.Infrastructure;

/// <summary>A real host running the worker on a test database, with fast timings.</summary>
internal static class WorkerHost
{
    public static IHost Build(TestBackend db, IJobExecutor executor, Dictionary<string, string?>? overrides = null, TimeProvider? time = null)
    {
        var settings = new Dictionary<string, string?>(db.Settings)
        {
            ["Worker:Concurrency"] = "4",
            ["Worker:LeaseSeconds"] = "5",
            ["Worker:HeartbeatSeconds"] = "0.2",
            ["Worker:PollMilliseconds"] = "20",
            ["Worker:MaxAttempts"] = "3",
            ["Worker:BackoffBaseSeconds"] = "0.01",
            ["Worker:BackoffMaxSeconds"] = "0.05",
            ["Worker:JobTimeoutSeconds"] = "10",
            ["Worker:ShutdownGraceSeconds"] = "1",
            ["Worker:BreakerMinimumThroughput"] = "100",
        };
        foreach (var (key, value) in overrides ?? [])
        {
            settings[key] = value;
        }

        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        builder.Services.AddJobQueue(builder.Configuration).AddJobWorker(builder.Configuration).AddSingleton(executor);
        return builder.Build();
    }
}
