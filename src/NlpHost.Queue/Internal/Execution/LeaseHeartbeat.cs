using System.Data.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NlpHost.Queue.Jobs;

namespace NlpHost.Queue.Internal.Execution;

/// <summary>
/// The worker's heartbeat: every <see cref="WorkerOptions.HeartbeatSeconds"/> it renews the lease of every job the worker
/// holds (running and prefetched) and stores their latest progress in one write, then stops each job whose lease was
/// lost or whose cancellation was requested (a waiting one is settled at once). One beat per worker, not per job: the
/// cost no longer grows with slots.
/// </summary>
internal sealed class LeaseHeartbeat(
    IJobStore store, JobRunner runner, IOptions<WorkerOptions> options, TimeProvider time, ILogger<LeaseHeartbeat> logger)
{
    private readonly WorkerOptions _options = options.Value;

    /// <summary>Beats until <paramref name="stopToken"/> fires (after the last running job has its outcome).</summary>
    public async Task RunAsync(HeldJobs held, CancellationToken stopToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(_options.HeartbeatSeconds), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stopToken).ConfigureAwait(false))
            {
                await BeatAsync(held.Snapshot(), stopToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stopToken.IsCancellationRequested)
        {
            // The worker stopped; its remaining leases were settled or expire.
        }
    }

    /// <summary>Renews <paramref name="leases"/> in one write and stops the jobs that may no longer run.</summary>
    public async Task BeatAsync(IReadOnlyList<HeldLease> leases, CancellationToken cancellationToken)
    {
        if (leases.Count == 0)
        {
            return;
        }

        var beats = leases.Select(l => new JobHeartbeat(l.Lease, l.Progress.TryTake(out var latest) ? latest : null)).ToList();
        IReadOnlyList<LeaseRenewal> renewals;
        try
        {
            renewals = await store.RenewLeasesAsync(beats, TimeSpan.FromSeconds(_options.LeaseSeconds), cancellationToken).ConfigureAwait(false);
        }
        catch (DbException exception)
        {
            // Keep beating: a short outage is survivable; a long one lets the leases expire and the owner check stops our writes.
            Log.HeartbeatFailed(logger, leases.Count, exception);
            return;
        }

        // Every stop is marked before any execution is cancelled: a slot freed by one cancel must not start a
        // waiting job this beat found lost.
        var stopped = new List<HeldLease>();
        for (var i = 0; i < leases.Count; i++)
        {
            var reason = renewals[i] switch
            {
                { Held: false } => LeaseStopReason.LeaseLost,
                { CancellationRequested: true } => LeaseStopReason.CancellationRequested,
                _ => LeaseStopReason.None,
            };
            if (reason != LeaseStopReason.None && leases[i].MarkStopped(reason))
            {
                stopped.Add(leases[i]);
            }
        }

        foreach (var lease in stopped)
        {
            lease.CancelExecution();
        }

        // A waiting job asked to cancel is cancelled now, not when a slot reaches it (that may be long behind a slow job).
        foreach (var lease in stopped.Where(l => l.TryClaimSettlement()))
        {
            await runner.SettleUnstartedAsync(lease).ConfigureAwait(false);
        }
    }
}
