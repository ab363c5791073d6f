using Microsoft.Extensions.Diagnostics.HealthChecks;
using NlpHost.Abstractions.Backbone;
using NlpHost.Queue;

namespace NlpHost.Api;

/// <summary>Ready when the backbone has loaded (the first check loads it) and says where it runs.</summary>
internal sealed class BackboneHealthCheck(IBackbone backbone) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var info = backbone.Info;
            return Task.FromResult(HealthCheckResult.Healthy($"{Path.GetFileName(info.ModelPath)} on {info.ExecutionProvider}"));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("backbone failed to load: " + e.Message));
        }
    }
}

/// <summary>Ready when the queue database answers.</summary>
internal sealed class QueueHealthCheck(IJobStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var counts = await store.CountByStateAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"{counts.Values.Sum()} jobs");
        }
        catch (Exception e) when (e is not OutOfMemoryException and not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("queue unreachable: " + e.Message);
        }
    }
}
