using Microsoft.Extensions.Diagnostics.HealthChecks;
using NlpHost.Abstractions.Backbone;
using NlpHost.PluginLoading.Integrity;
using NlpHost.Queue;

namespace NlpHost.Api;

/// <summary>Ready when the backbone's files pass their checksums and it has loaded (the first check loads it).</summary>
internal sealed class BackboneHealthCheck(IBackbone backbone, IEnumerable<IModelPrecondition> preconditions) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (preconditions.Select(p => p.Problem()).FirstOrDefault(p => p is not null) is { } problem)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy(problem));
        }

        var info = backbone.Info;
        return Task.FromResult(HealthCheckResult.Healthy($"{Path.GetFileName(info.ModelPath)} on {info.ExecutionProvider}"));
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
