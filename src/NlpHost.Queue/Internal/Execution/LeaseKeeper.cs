using System.Data.Common;
using Microsoft.Extensions.Logging;

namespace NlpHost.Queue.Internal.Execution;

internal enum LeaseStopReason
{
    None,
    LeaseLost,
    CancellationRequested,
}

/// <summary>
/// The heartbeat of one running job: stores its latest progress and renews its lease. When the lease is lost or a
/// cancellation is requested it cancels the execution, so a job that another worker took over is never written twice.
/// </summary>
internal sealed class LeaseKeeper(
    IJobStore store, string jobId, string owner, WorkerOptions options, TimeProvider time,
    ProgressBuffer progress, CancellationTokenSource execution, ILogger logger) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private PeriodicTimer? _timer;
    private Task _loop = Task.CompletedTask;
    private volatile int _reason;

    public LeaseStopReason StopReason => (LeaseStopReason)_reason;

    public void Start()
    {
        _timer = new PeriodicTimer(TimeSpan.FromSeconds(options.HeartbeatSeconds), time);
        _loop = RunAsync(_timer);
    }

    /// <summary>Stops the heartbeat and waits for it.</summary>
    public async ValueTask DisposeAsync()
    {
        // Disposing the timer ends the wait without an exception (most jobs end before their first beat); cancelling
        // stops a beat in flight.
        _timer?.Dispose();
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }

    /// <summary>Stops the execution because the lease is gone (seen by the heartbeat or by a failed attempt count).</summary>
    public void LeaseLost() => StopExecution(LeaseStopReason.LeaseLost);

    private async Task RunAsync(PeriodicTimer timer)
    {
        try
        {
            while (StopReason == LeaseStopReason.None && await timer.WaitForNextTickAsync(CancellationToken.None).ConfigureAwait(false))
            {
                await BeatAsync().ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // The job finished; the heartbeat ends with it.
        }
    }

    private async Task BeatAsync()
    {
        try
        {
            if (progress.TryTake(out var latest))
            {
                await store.ReportProgressAsync(jobId, owner, latest, _stop.Token).ConfigureAwait(false);
            }

            var renewal = await store.RenewLeaseAsync(jobId, owner, TimeSpan.FromSeconds(options.LeaseSeconds), _stop.Token).ConfigureAwait(false);
            if (!renewal.Held)
            {
                StopExecution(LeaseStopReason.LeaseLost);
            }
            else if (renewal.CancellationRequested)
            {
                StopExecution(LeaseStopReason.CancellationRequested);
            }
        }
        catch (DbException exception)
        {
            // Keep beating: a short outage is survivable; a long one lets the lease expire and the owner check stops our write.
            Log.HeartbeatFailed(logger, jobId, exception);
        }
    }

    private void StopExecution(LeaseStopReason reason)
    {
        if (Interlocked.CompareExchange(ref _reason, (int)reason, (int)LeaseStopReason.None) == (int)LeaseStopReason.None)
        {
            execution.Cancel();
        }
    }
}
