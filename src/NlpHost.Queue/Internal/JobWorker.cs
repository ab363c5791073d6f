using System.Data.Common;
using System.Reflection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NlpHost.Queue.Internal.Execution;
using NlpHost.Queue.Jobs;

namespace NlpHost.Queue.Internal;

/// <summary>
/// Runs jobs in <see cref="WorkerOptions.Concurrency"/> slots. One dispatcher leases jobs in batches of at most
/// <see cref="WorkerOptions.LeaseBatchSize"/> in one round trip, for the free slots plus up to
/// <see cref="WorkerOptions.PrefetchCount"/> held ahead (<see cref="HeldJobs"/>), and when the queue is empty waits for a
/// wake-up (<see cref="IJobWakeups"/>) or the poll interval. One heartbeat renews every held lease. On shutdown it stops
/// leasing, releases the prefetched jobs no slot started, lets running jobs finish within
/// <see cref="WorkerOptions.ShutdownGraceSeconds"/>, releases the rest to the queue, then writes the results still pending.
/// </summary>
internal sealed class JobWorker(
    IJobStore store, IJobAdministration administration, IJobWakeups wakeups, IJobExecutor executor, JobRunner runner,
    JobPipelines pipelines, CompletionWriter completions, LeaseHeartbeat heartbeat, JobMetrics metrics,
    IOptions<WorkerOptions> options, TimeProvider time, ILogger<JobWorker> logger) : BackgroundService
{
    private static readonly string? Version = typeof(JobWorker).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
    private readonly WorkerOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Unique per worker instance and lease round trip, so two deliveries of one job never pass each other's owner checks.
        var instance = Guid.NewGuid().ToString("N")[..8];
        var started = time.GetUtcNow();
        var held = new HeldJobs(_options, time);
        metrics.ObserveHeld(held);
        using var hardStop = new CancellationTokenSource();
        using var stopBeating = new CancellationTokenSource();
        Log.WorkerStarted(logger, _options.WorkerId, _options.Concurrency, _options.PrefetchCount);
        var writer = completions.RunAsync();
        var beating = heartbeat.RunAsync(held, stopBeating.Token);
        var background = new[]
        {
            ReportAsync(started, stoppingToken),
            _options.Notifications ? wakeups.ListenAsync(stoppingToken) : Task.CompletedTask,
        };
        var slots = Enumerable.Range(0, _options.Concurrency).Select(_ => RunSlotAsync(held, stoppingToken, hardStop.Token)).ToArray();

        await DispatchAsync(held, instance, stoppingToken).ConfigureAwait(false);
        Log.WorkerStopping(logger, _options.ShutdownGraceSeconds);
        await ReleaseWaitingAsync(held).ConfigureAwait(false);
        hardStop.CancelAfter(TimeSpan.FromSeconds(_options.ShutdownGraceSeconds));
        // Every slot done means every running job has an outcome (or was released).
        await Task.WhenAll(slots).ConfigureAwait(false);
        await stopBeating.CancelAsync().ConfigureAwait(false);
        await beating.ConfigureAwait(false);
        completions.Complete();
        await writer.ConfigureAwait(false);
        await Task.WhenAll(background).ConfigureAwait(false);
    }

    private async Task DispatchAsync(HeldJobs held, string instance, CancellationToken stoppingToken)
    {
        await Task.Yield();
        var poll = TimeSpan.FromMilliseconds(_options.PollMilliseconds);
        var lease = TimeSpan.FromSeconds(_options.LeaseSeconds);
        long round = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            var wanted = held.WantedNow();
            if (wanted == 0)
            {
                await held.Changed.WaitAsync(Timeout.InfiniteTimeSpan, time, stoppingToken).ConfigureAwait(false);
                continue;
            }

            if (pipelines.IsCircuitOpen)
            {
                await DelayAsync(poll, stoppingToken).ConfigureAwait(false);
                continue;
            }

            IReadOnlyList<Job> jobs;
            var owner = LeaseOwners.For(_options.WorkerId, instance, ++round);
            try
            {
                // Not cancellable: a lease that commits after we stopped waiting would strand the jobs until they expire.
                jobs = await store.LeaseBatchAsync(owner, lease, executor.ServedTasks, wanted, CancellationToken.None).ConfigureAwait(false);
            }
            catch (DbException exception)
            {
                Log.LeaseFailed(logger, exception);
                await DelayAsync(poll * 5, stoppingToken).ConfigureAwait(false);
                continue;
            }

            held.Add(jobs, owner);
            if (jobs.Count == 0)
            {
                await WaitForJobsAsync(poll, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private async Task RunSlotAsync(HeldJobs held, CancellationToken stoppingToken, CancellationToken hardStop)
    {
        await Task.Yield();
        while (await held.TakeAsync(stoppingToken).ConfigureAwait(false) is { } lease)
        {
            try
            {
                await runner.RunAsync(lease, hardStop).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // One job's unexpected fault must not take a slot away; its lease expires and it is redelivered.
                Log.SlotFault(logger, lease.Job.Id, exception);
            }
            finally
            {
                held.Finish(lease);
            }
        }
    }

    // One write for all: another host can lease them at once instead of after their leases expire.
    private async Task ReleaseWaitingAsync(HeldJobs held)
    {
        var waiting = held.CloseWaiting();
        if (waiting.Count == 0)
        {
            return;
        }

        try
        {
            var writes = await store.ReleaseBatchAsync([.. waiting.Select(l => l.Lease)], TimeSpan.Zero, CancellationToken.None).ConfigureAwait(false);
            Log.PrefetchReleased(logger, writes.Count(w => w.Applied), waiting.Count);
        }
        catch (DbException exception)
        {
            Log.PrefetchReleaseFailed(logger, waiting.Count, exception);
        }

        foreach (var lease in waiting)
        {
            held.Finish(lease);
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
