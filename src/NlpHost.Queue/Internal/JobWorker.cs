using System.Data.Common;
using System.Reflection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NlpHost.Queue.Internal.Execution;
using NlpHost.Queue.Jobs;

namespace NlpHost.Queue.Internal;

/// <summary>
/// Runs jobs in <see cref="WorkerOptions.Concurrency"/> slots. One dispatcher leases as many jobs as there are free
/// slots (at most <see cref="WorkerOptions.LeaseBatchSize"/>) in one round trip, and when the queue is empty waits for a
/// wake-up (<see cref="IJobWakeups"/>) or the poll interval. On shutdown it stops leasing, lets running jobs finish within
/// <see cref="WorkerOptions.ShutdownGraceSeconds"/>, releases the rest to the queue, then writes the results still pending.
/// </summary>
internal sealed class JobWorker(
    IJobStore store, IJobAdministration administration, IJobWakeups wakeups, IJobExecutor executor, JobRunner runner,
    JobPipelines pipelines, CompletionWriter completions, JobMetrics metrics,
    IOptions<WorkerOptions> options, TimeProvider time, ILogger<JobWorker> logger) : BackgroundService
{
    private static readonly string? Version = typeof(JobWorker).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
    private readonly WorkerOptions _options = options.Value;
    private readonly SemaphoreSlim _freeSlots = new(options.Value.Concurrency, options.Value.Concurrency);

    public override void Dispose()
    {
        _freeSlots.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Unique per worker instance and lease round trip, so two deliveries of one job never pass each other's owner checks.
        var instance = Guid.NewGuid().ToString("N")[..8];
        var started = time.GetUtcNow();
        using var hardStop = new CancellationTokenSource();
        Log.WorkerStarted(logger, _options.WorkerId, _options.Concurrency);
        var writer = completions.RunAsync();
        var background = new[]
        {
            ReportAsync(started, stoppingToken),
            _options.Notifications ? wakeups.ListenAsync(stoppingToken) : Task.CompletedTask,
        };

        await DispatchAsync(instance, stoppingToken, hardStop.Token).ConfigureAwait(false);
        Log.WorkerStopping(logger, _options.ShutdownGraceSeconds);
        hardStop.CancelAfter(TimeSpan.FromSeconds(_options.ShutdownGraceSeconds));
        for (var slot = 0; slot < _options.Concurrency; slot++)
        {
            // Every slot back means every running job has an outcome (or was released).
            await _freeSlots.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        }

        completions.Complete();
        await writer.ConfigureAwait(false);
        await Task.WhenAll(background).ConfigureAwait(false);
    }

    private async Task DispatchAsync(string instance, CancellationToken stoppingToken, CancellationToken hardStop)
    {
        await Task.Yield();
        var poll = TimeSpan.FromMilliseconds(_options.PollMilliseconds);
        var lease = TimeSpan.FromSeconds(_options.LeaseSeconds);
        long round = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _freeSlots.WaitAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }

            var slots = 1;
            while (slots < _options.LeaseBatchSize && _freeSlots.Wait(0))
            {
                slots++;
            }

            if (pipelines.IsCircuitOpen)
            {
                _freeSlots.Release(slots);
                await DelayAsync(poll, stoppingToken).ConfigureAwait(false);
                continue;
            }

            IReadOnlyList<Job> jobs;
            var owner = LeaseOwners.For(_options.WorkerId, instance, ++round);
            try
            {
                // Not cancellable: a lease that commits after we stopped waiting would strand the jobs until they expire.
                jobs = await store.LeaseBatchAsync(owner, lease, executor.ServedTasks, slots, CancellationToken.None).ConfigureAwait(false);
            }
            catch (DbException exception)
            {
                _freeSlots.Release(slots);
                Log.LeaseFailed(logger, exception);
                await DelayAsync(poll * 5, stoppingToken).ConfigureAwait(false);
                continue;
            }

            if (slots > jobs.Count)
            {
                _freeSlots.Release(slots - jobs.Count);
            }

            foreach (var job in jobs)
            {
                _ = Task.Run(() => RunAsync(job, owner, hardStop), CancellationToken.None);
            }

            if (jobs.Count == 0)
            {
                await WaitForJobsAsync(poll, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private async Task RunAsync(Job job, string owner, CancellationToken hardStop)
    {
        try
        {
            await runner.RunAsync(job, owner, hardStop).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // One job's unexpected fault must not take a slot away; its lease expires and it is redelivered.
            Log.SlotFault(logger, job.Id, exception);
        }
        finally
        {
            _freeSlots.Release();
        }
    }

    private Task WaitForJobsAsync(TimeSpan poll, CancellationToken stoppingToken) => _options.Notifications
        ? wakeups.Arrivals.WaitAsync(poll, time, stoppingToken)
        : DelayAsync(poll, stoppingToken);

    private async Task ReportAsync(DateTimeOffset started, CancellationToken stoppingToken)
    {
        var report = new WorkerReport(_options.WorkerId, executor.ServedTasks, Version, _options.Concurrency, started);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                metrics.RecordDepth(await store.CountByStateAsync(stoppingToken).ConfigureAwait(false));
                // The presence report lets the API say when a queued job's task is served by no live host.
                await store.ReportWorkerAsync(report, stoppingToken).ConfigureAwait(false);
                var workers = await store.ListLiveWorkersAsync(LiveWorker.LiveWindow, stoppingToken).ConfigureAwait(false);
                metrics.RecordWorkers(workers);
                var backlog = await administration.BacklogAsync(stoppingToken).ConfigureAwait(false);
                metrics.RecordUnserved(backlog.Where(b => b.Queued > 0 && !workers.Any(w => w.Serves(b.Task))).ToDictionary(b => b.Task, b => b.Queued));
            }
            catch (DbException exception)
            {
                Log.DepthSampleFailed(logger, exception);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            await DelayAsync(LiveWorker.ReportInterval, stoppingToken).ConfigureAwait(false);
        }
    }

    // Cancellation only ends the wait; callers check their token.
    private async Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken) =>
        await Task.Delay(delay, time, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
}
