using Microsoft.Extensions.Time.Testing;
using NlpHost.Abstractions.Plugins;
using NlpHost.Queue.Jobs;
using NlpHost.Queue.Tests.Infrastructure;
using static NlpHost.Queue.Tests.Infrastructure.TestJobs;

namespace NlpHost.Queue.Tests.Store;

/// <summary>The batched writes a worker makes for all the jobs it holds: one heartbeat, one release on shutdown.</summary>
public sealed class LeaseBatchTests
{
    [Theory, SqliteBackend, PostgresBackend]
    public async Task A_batched_heartbeat_renews_only_leases_still_held_and_reports_cancellations(string backend)
    {
        await using var db = await TestBackend.CreateAsync(backend);
        var ids = (await db.Store.EnqueueBatchAsync([Request(), Request(), Request(), Request()])).Select(r => r.Job.Id).ToList();
        var mine = await db.Store.LeaseBatchAsync("a", Lease, null, 3, default);
        await db.Store.LeaseAsync("b", Lease);
        await db.Store.CancelAsync(ids[1]);
        await db.Store.CompleteAsync(ids[2], "a", Json("1"));

        var renewals = await db.Store.RenewLeasesAsync(
            [
                new(new(ids[0], "a"), new TaskProgress(0.5, "half")),
                new(new(ids[1], "a")),
                new(new(ids[2], "a")),
                new(new(ids[3], "a")),
            ], Lease);

        Assert.Equal(ids.Take(3), mine.Select(j => j.Id));
        Assert.Equal([new(true, false), new(true, true), new(false, false), new(false, false)], renewals);
        var first = await db.Store.GetAsync(ids[0]);
        Assert.Equal(new TaskProgress(0.5, "half"), first!.Progress);
        Assert.Null((await db.Store.GetAsync(ids[1]))!.Progress);
        Assert.Equal(JobState.Succeeded, (await db.Store.GetAsync(ids[2]))!.State);
        Assert.Equal([new(true, false)], await db.Store.RenewLeasesAsync([new(new(ids[3], "b"))], Lease));
    }

    [Theory, SqliteBackend]
    public async Task Leases_renewed_in_a_batch_outlive_their_first_expiry_and_lapse_when_beats_stop(string backend)
    {
        await using var db = await TestBackend.CreateAsync(backend);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.Zero));
        var host = db.CreateStore(time);
        var other = db.CreateStore(time);
        await host.EnqueueBatchAsync([Request(), Request()]);
        var held = await host.LeaseBatchAsync("a", Lease, null, 2, default);
        var beats = held.Select(j => new JobHeartbeat(new(j.Id, "a"))).ToList();

        time.Advance(TimeSpan.FromSeconds(20));
        var renewals = await host.RenewLeasesAsync(beats, Lease);
        time.Advance(TimeSpan.FromSeconds(20));
        var whileRenewed = await other.LeaseAsync("b", Lease);
        time.Advance(TimeSpan.FromSeconds(11));
        var afterLapse = await other.LeaseBatchAsync("b", Lease, null, 2, default);

        Assert.All(renewals, r => Assert.True(r.Held));
        Assert.Null(whileRenewed);
        Assert.Equal(held.Select(j => (j.Id, 2)), afterLapse.Select(j => (j.Id, j.Attempts)));
        Assert.All(await host.RenewLeasesAsync(beats, Lease), r => Assert.False(r.Held));
    }

    [Theory, SqliteBackend]
    public async Task A_beat_naming_one_job_under_a_lost_and_a_current_owner_renews_only_the_current_one(string backend)
    {
        await using var db = await TestBackend.CreateAsync(backend);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.Zero));
        var store = db.CreateStore(time);
        var id = (await store.EnqueueAsync(Request())).Job.Id;
        await store.LeaseAsync("round-1", Lease);
        time.Advance(Lease + TimeSpan.FromSeconds(1));
        await store.LeaseAsync("round-2", Lease);

        var renewals = await store.RenewLeasesAsync([new(new(id, "round-1")), new(new(id, "round-2"))], Lease);

        Assert.Equal([new(false, false), new(true, false)], renewals);
    }

    [Theory, SqliteBackend, PostgresBackend]
    public async Task A_batched_release_gives_jobs_back_without_their_attempt_and_cancels_those_asked_to_stop(string backend)
    {
        await using var db = await TestBackend.CreateAsync(backend);
        var ids = (await db.Store.EnqueueBatchAsync([Request(), Request(), Request()])).Select(r => r.Job.Id).ToList();
        await db.Store.LeaseBatchAsync("a", Lease, null, 3, default);
        await db.Store.CancelAsync(ids[1]);

        var writes = await db.Store.ReleaseBatchAsync([new(ids[0], "a"), new(ids[1], "a"), new(ids[2], "someone else")], TimeSpan.Zero);
        var next = await db.CreateStore().LeaseAsync("b", Lease);

        Assert.Equal(
            [new(JobWriteStatus.Applied, JobState.Queued), new(JobWriteStatus.Applied, JobState.Cancelled), new(JobWriteStatus.NotOwner)],
            writes);
        Assert.Equal((ids[0], 1), (next?.Id, next?.Attempts));
        Assert.Equal((JobState.Running, "a"), ((await db.Store.GetAsync(ids[2]))!.State, (await db.Store.GetAsync(ids[2]))!.LeaseOwner));
    }
}
