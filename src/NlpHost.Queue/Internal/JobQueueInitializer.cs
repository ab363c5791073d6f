using Microsoft.Extensions.Hosting;

namespace NlpHost.Queue.Internal;

/// <summary>Creates or migrates the queue schema when the host starts, so a bad database fails the start, not the first job.</summary>
internal sealed class JobQueueInitializer(IJobStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => store.InitializeAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
