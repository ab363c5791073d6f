using Microsoft.Extensions.Time.Testing;
using NlpHost.Queue.Jobs;
using NlpHost.Queue.Tests.Infrastructure;
using static NlpHost.Queue.Tests.Infrastructure.TestJobs;

namespace NlpHost.Queue.Tests.Store;

/// <summary>
/// Lease times: on PostgreSQL the database's clock (hosts' clocks may disagree), on SQLite the one host's clock, which a
/// fake <see cref="TimeProvider"/> drives. PostgreSQL's clock cannot be faked, so its expiry tests wait out short leases.
/// </summary>
public sealed class DatabaseClockTests
{
    private static readonly TimeSpan TenMinutes = TimeSpan.FromMinutes(10);

    [Theory, PostgresBackend]
    public async Task A_host_whose_clock_runs_ten_minutes_ahead_cannot_take_over_a_live_lease(string backend)
    {
        await using var db = await TestBackend.CreateAsync(backend);
        var ahead = db.CreateStore(new SkewedTimeProvider(TenMinutes));
        var id = (await db.Store.EnqueueAsync(Request())).Job.Id;
        await db.Store.LeaseAsync("on-time", Lease);

        var stolen = await ahead.LeaseAsync("ahead", Lease);

        Assert.Null(stolen);
        Assert.True((await db.Store.CompleteAsync(id, "on-time", Json("1"))).Applied);
    }

    [Theory, PostgresBackend]
    public async Task A_host_whose_clock_runs_ten_minutes_behind_holds_a_lease_as_long_as_any_other(string backend)
    {
        await using var db = await TestBackend.CreateAsync(backend);
        var behind = db.CreateStore(new SkewedTimeProvider(-TenMinutes));
        var id = (await db.Store.EnqueueAsync(Request())).Job.Id;

        await behind.LeaseAsync("behind", TimeSpan.FromMilliseconds(400));
        var whileLive = await db.Store.LeaseAsync("on-time", Lease);
        var renewed = await behind.RenewLeaseAsync(id, "behind", TimeSpan.FromMilliseconds(400));
        var afterRenewal = await db.Store.LeaseAsync("on-time", Lease);
        await Task.Delay(700);
        var expired = await db.Store.LeaseAsync("on-time", Lease);

        Assert.Null(whileLive);
        Assert.True(renewed.Held);
        Assert.Null(afterRenewal);
        Assert.Equal((id, 2), (expired?.Id, expired?.Attempts));
        Assert.Equal(JobWriteStatus.NotOwner, (await behind.CompleteAsync(id, "behind", Json("1"))).Status);
    }

    [Theory, PostgresBackend]
    public async Task Retry_backoff_and_worker_liveness_are_measured_on_the_database_clock(string backend)
    {
        await using var db = await TestBackend.CreateAsync(backend);
        var behind = db.CreateStore(new SkewedTimeProvider(-TenMinutes));
        var id = (await behind.EnqueueAsync(Request())).Job.Id;
        await behind.LeaseAsync("behind", Lease);

        await behind.FailTransientAsync(id, "behind", "busy", TimeSpan.FromMinutes(1));
        await behind.ReportWorkerAsync(new WorkerReport("behind", null));

        Assert.Null(await db.Store.LeaseAsync("on-time", Lease));
        Assert.Equal(["behind"], (await db.Store.ListLiveWorkersAsync(TimeSpan.FromSeconds(30))).Select(w => w.WorkerId));
        var job = await db.Store.GetAsync(id);
        Assert.InRange(job!.VisibleAt - job.UpdatedAt, TimeSpan.FromSeconds(59), TimeSpan.FromSeconds(61));
        Assert.InRange(job.CreatedAt, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Theory, SqliteBackend]
    public async Task On_sqlite_a_lease_expires_on_the_hosts_clock(string backend)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var db = await TestBackend.CreateAsync(backend);
        var store = db.CreateStore(time);
        var id = (await store.EnqueueAsync(Request())).Job.Id;
        await store.LeaseAsync("lost", TimeSpan.FromSeconds(30));

        time.Advance(TimeSpan.FromSeconds(29));
        var whileLive = await store.LeaseAsync("w", Lease);
        time.Advance(TimeSpan.FromSeconds(2));
        var redelivered = await store.LeaseAsync("w", Lease);

        Assert.Null(whileLive);
        Assert.Equal((id, "w", 2), (redelivered?.Id, redelivered?.LeaseOwner, redelivered?.Attempts));
        Assert.False((await store.RenewLeaseAsync(id, "lost", Lease)).Held);
    }
}
