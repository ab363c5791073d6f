using System.Data.Common;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NlpHost.Queue.Jobs;
using Polly;
using Polly.CircuitBreaker;

namespace NlpHost.Queue.Internal.Execution;

/// <summary>
/// Runs one leased job to an outcome. Attempts: the lease counts one, each in-process retry counts one more (stored
/// before it runs, so counts survive restarts); after <c>min(job.MaxAttempts, Worker:MaxAttempts)</c> the job is dead.
/// Faults the pipeline does not classify go back to the queue with backoff (next-visible-at) and still count.
/// </summary>
internal sealed class JobRunner(
    IJobStore store, IJobExecutor executor, JobPipelines pipelines, CompletionWriter completions, JobMetrics metrics,
    IOptions<WorkerOptions> options, TimeProvider time, ILogger<JobRunner> logger)
{
    private readonly WorkerOptions _options = options.Value;

    /// <param name="lease">The held job: prefetched or just leased; the worker's heartbeat keeps its lease.</param>
    /// <param name="hardStop">Fires when the shutdown grace period is over: the job is released.</param>
    public async Task RunAsync(HeldLease lease, CancellationToken hardStop)
    {
        var (job, owner) = (lease.Job, lease.Owner);
        using var execution = CancellationTokenSource.CreateLinkedTokenSource(hardStop);
        if (!lease.Begin(execution))
        {
            if (lease.TryClaimSettlement())
            {
                await SettleUnstartedAsync(lease).ConfigureAwait(false);
            }

            return;
        }

        var maxAttempts = Math.Min(job.MaxAttempts, _options.MaxAttempts);
        var attempts = job.Attempts;
        var started = time.GetTimestamp();
        Log.JobStarted(logger, job.Id, job.Task, attempts, maxAttempts);

        var timeout = executor.TimeoutFor(job.Task) ?? new JobTimeout(TimeSpan.FromSeconds(_options.JobTimeoutSeconds), "Worker:JobTimeoutSeconds");

        var pipeline = pipelines.Get(Math.Max(0, maxAttempts - attempts), timeout.Limit);
        var context = ResilienceContextPool.Shared.Get(execution.Token);
        context.Properties.Set(JobPipelines.OnRetry, async args =>
        {
            attempts++;
            Log.JobRetrying(logger, job.Id, attempts, args.RetryDelay, args.Outcome.Exception?.Message);
            if (!await store.CountAttemptAsync(job.Id, owner, CancellationToken.None).ConfigureAwait(false))
            {
                lease.Stop(LeaseStopReason.LeaseLost);
            }
        });

        JsonElement result = default;
        Exception? fault = null;
        try
        {
            result = await pipeline.ExecuteAsync(
                // WaitAsync: a task that ignores its token must not keep the slot past the timeout or a cancellation.
                static async (ctx, run) => await run.executor.ExecuteAsync(run.job.Task, run.job.Input, run.job.Options, run.Progress, ctx.CancellationToken)
                    .WaitAsync(ctx.CancellationToken).ConfigureAwait(false),
                context, (executor, job, lease.Progress)).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            // Not swallowed: every fault becomes a stored outcome below.
            fault = exception;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
            // From here on a beat can no longer stop the job: its outcome follows the stop reason as it is now.
            lease.Detach();
        }

        var outcome = new Outcome(job, owner, attempts, maxAttempts, time.GetElapsedTime(started));
        try
        {
            if (fault is null)
            {
                await CompleteAsync(outcome, result).ConfigureAwait(false);
            }
            else
            {
                await HandleFaultAsync(outcome, fault, lease.StopReason, hardStop.IsCancellationRequested, timeout).ConfigureAwait(false);
            }
        }
        catch (DbException exception)
        {
            Log.OutcomeWriteFailed(logger, job.Id, exception);
        }
    }

    /// <summary>
    /// A prefetched job stopped while it waited for a slot (the caller claimed it, <see cref="HeldLease.TryClaimSettlement"/>):
    /// it never ran, so a cancelled one is acknowledged at once and a lost one is left to its new owner.
    /// </summary>
    public async Task SettleUnstartedAsync(HeldLease lease)
    {
        try
        {
            if (lease.StopReason == LeaseStopReason.CancellationRequested)
            {
                await store.MarkCancelledAsync(lease.Job.Id, lease.Owner, CancellationToken.None).ConfigureAwait(false);
                metrics.RecordDuration(lease.Job.Task, "cancelled", TimeSpan.Zero);
                Log.JobCancelled(logger, lease.Job.Id);
            }
            else
            {
                Log.LeaseLost(logger, lease.Job.Id);
            }
        }
        catch (DbException exception)
        {
            Log.OutcomeWriteFailed(logger, lease.Job.Id, exception);
        }
    }

    private async Task CompleteAsync(Outcome outcome, JsonElement result)
    {
        if (result.ValueKind == JsonValueKind.Undefined)
        {
            // A plugin bug, not a passing fault: retrying would return nothing again.
            await store.FailPermanentAsync(outcome.Job.Id, outcome.Owner, $"task '{outcome.Job.Task}' returned no result", CancellationToken.None).ConfigureAwait(false);
            return;
        }

        // Written with other results in one transaction; the job stays running (leased) until that commits.
        await completions.EnqueueAsync(new JobCompletion(outcome.Job.Id, outcome.Owner, result), outcome.Job.Task, outcome.Elapsed).ConfigureAwait(false);
    }

    private async Task HandleFaultAsync(Outcome outcome, Exception fault, LeaseStopReason stopReason, bool shuttingDown, JobTimeout timeout)
    {
        var job = outcome.Job;
        if (stopReason == LeaseStopReason.LeaseLost)
        {
            Log.LeaseLost(logger, job.Id);
        }
        else if (stopReason == LeaseStopReason.CancellationRequested)
        {
            await store.MarkCancelledAsync(job.Id, outcome.Owner, CancellationToken.None).ConfigureAwait(false);
            metrics.RecordDuration(job.Task, "cancelled", outcome.Elapsed);
            Log.JobCancelled(logger, job.Id);
        }
        else if (shuttingDown && fault is OperationCanceledException)
        {
            await ReleaseAsync(outcome, TimeSpan.Zero, "worker shutting down").ConfigureAwait(false);
        }
        else if (fault is BrokenCircuitException)
        {
            await ReleaseAsync(outcome, pipelines.BreakDuration, "circuit open").ConfigureAwait(false);
        }
        else if (FaultClassifier.IsPermanent(fault))
        {
            var reason = fault is Polly.Timeout.TimeoutRejectedException
                ? $"the job ran longer than its time limit of {timeout.Limit.TotalSeconds:0.###} s ({timeout.Setting}) and was stopped; " +
                  "split the input into smaller jobs or raise the limit"
                : FaultClassifier.Describe(fault);
            var write = await store.FailPermanentAsync(job.Id, outcome.Owner, reason, CancellationToken.None).ConfigureAwait(false);
            if (write.Applied)
            {
                metrics.Failed(job.Task, JobState.Failed, outcome.Elapsed);
                Log.JobFailed(logger, job.Id, job.Task, reason);
            }
        }
        else
        {
            await FailTransientAsync(outcome, fault).ConfigureAwait(false);
        }
    }

    private async Task FailTransientAsync(Outcome outcome, Exception fault)
    {
        var job = outcome.Job;
        var error = FaultClassifier.Describe(fault);
        TimeSpan? retryAfter = outcome.Attempts >= outcome.MaxAttempts ? null : pipelines.Backoff(outcome.Attempts);
        var write = await store.FailTransientAsync(job.Id, outcome.Owner, error, retryAfter, CancellationToken.None).ConfigureAwait(false);
        if (write.State == JobState.Dead)
        {
            metrics.Failed(job.Task, JobState.Dead, outcome.Elapsed);
            Log.JobDead(logger, job.Id, job.Task, outcome.Attempts, error);
        }
        else if (write.Applied && retryAfter is { } after)
        {
            var at = time.GetUtcNow() + after;
            metrics.RecordDuration(job.Task, "retry", outcome.Elapsed);
            Log.JobRetryScheduled(logger, job.Id, outcome.Attempts, at, error);
        }
    }

    private async Task ReleaseAsync(Outcome outcome, TimeSpan delay, string reason)
    {
        var write = await store.ReleaseAsync(outcome.Job.Id, outcome.Owner, delay, CancellationToken.None).ConfigureAwait(false);
        if (write.Applied)
        {
            Log.JobReleased(logger, outcome.Job.Id, reason, time.GetUtcNow() + delay);
        }
    }

    private sealed record Outcome(Job Job, string Owner, int Attempts, int MaxAttempts, TimeSpan Elapsed);
}
