using System.Data.Common;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NlpHost.Queue.Internal.Execution;

namespace NlpHost.Queue.Internal;

/// <summary>
/// Leases and runs jobs in <see cref="WorkerOptions.Concurrency"/> slots. On shutdown it stops leasing, lets running jobs
/// finish within <see cref="WorkerOptions.ShutdownGraceSeconds"/>, then cancels and releases the rest to the queue.
/// </summary>
internal sealed class JobWorker(
    IJobStore store, IJobExecutor executor, JobRunner runner, JobPipelines pipelines, JobMetrics metrics,
    IOptions<WorkerOptions> options, TimeProvider time, ILogger<JobWorker> logger) : BackgroundService
{
    private readonly WorkerOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Unique per slot, so two slots (or two workers with the same WorkerId) never pass each other's owner checks.
        var instance = Guid.NewGuid().ToString("N")[..8];
        using var hardStop = new CancellationTokenSource();
        Log.WorkerStarted(logger, _options.WorkerId, _options.Concurrency);
        var slots = Enumerable.Range(0, _options.Concurrency)
            .Select(slot => RunSlotAsync($"{_options.WorkerId}/{instance}/{slot}", stoppingToken, hardStop.Token))
            .Append(SampleDepthAsync(stoppingToken))
            .ToArray();

        await DelayAsync(Timeout.InfiniteTimeSpan, stoppingToken).ConfigureAwait(false);
        Log.WorkerStopping(logger, _options.ShutdownGraceSeconds);
        hardStop.CancelAfter(TimeSpan.FromSeconds(_options.ShutdownGraceSeconds));
        await Task.WhenAll(slots).ConfigureAwait(false);
    }

    private async Task RunSlotAsync(string owner, CancellationToken stoppingToken, CancellationToken hardStop)
    {
        await Task.Yield();
        var poll = TimeSpan.FromMilliseconds(_options.PollMilliseconds);
        var lease = TimeSpan.FromSeconds(_options.LeaseSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            if (pipelines.IsCircuitOpen)
            {
                await DelayAsync(poll, stoppingToken).ConfigureAwait(false);
                continue;
            }

            Jobs.Job? job;
            try
            {
                // Not cancellable: a lease that commits after we stopped waiting would strand the job until it expires.
                job = await store.LeaseAsync(owner, lease, executor.ServedTasks, CancellationToken.None).ConfigureAwait(false);
            }
            catch (DbException exception)
            {
                Log.LeaseFailed(logger, exception);
                await DelayAsync(poll * 5, stoppingToken).ConfigureAwait(false);
                continue;
            }

            if (job is null)
            {
                await DelayAsync(poll, stoppingToken).ConfigureAwait(false);
                continue;
            }

            try
            {
                await runner.RunAsync(job, owner, hardStop).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // One job's unexpected fault must not silently end this slot; its lease expires and it is redelivered.
                Log.SlotFault(logger, job.Id, exception);
            }
        }
    }

    private async Task SampleDepthAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                metrics.RecordDepth(await store.CountByStateAsync(stoppingToken).ConfigureAwait(false));
                // The presence report lets the API say when a queued job's task is served by no live host.
                await store.ReportWorkerAsync(_options.WorkerId, executor.ServedTasks, stoppingToken).ConfigureAwait(false);
                var workers = await store.ListLiveWorkersAsync(Jobs.LiveWorker.LiveWindow, stoppingToken).ConfigureAwait(false);
                var queued = await store.CountQueuedByTaskAsync(stoppingToken).ConfigureAwait(false);
                metrics.RecordUnserved(queued.Where(q => !workers.Any(w => w.Serves(q.Key))).ToDictionary());
            }
            catch (DbException exception)
            {
                Log.DepthSampleFailed(logger, exception);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            await DelayAsync(Jobs.LiveWorker.ReportInterval, stoppingToken).ConfigureAwait(false);
        }
    }

    // Cancellation only ends the wait; callers check their token.
    private async Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken) =>
        await Task.Delay(delay, time, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
}
