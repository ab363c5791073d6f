using NlpHost.Queue.Jobs;
using NlpHost.Queue.Tests.Infrastructure;
using static NlpHost.Queue.Tests.Infrastructure.TestJobs;

namespace NlpHost.Queue.Tests.Store;

public sealed class JobStoreFailureTests
{
    [Theory, SqliteBackend, PostgresBackend]
    public async Task Transient_failures_retry_after_backoff_then_the_job_is_dead(string backend)
    {
        await using var db = await TestBackend.CreateAsync(backend, fakeClock: true);
        var id = (await db.Store.EnqueueAsync(Request(maxAttempts: 3))).Job.Id;
        var states = new List<JobState?>();

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var leased = await db.Store.LeaseAsync("w", Lease);
            Assert.Equal((id, attempt), (leased?.Id, leased?.Attempts));
            var write = await db.Store.FailTransientAsync(id, "w", $"busy {attempt}", TimeSpan.FromMilliseconds(300));
            states.Add(write.State);
            Assert.Null(await db.Store.LeaseAsync("w", Lease));
            await db.PassAsync(TimeSpan.FromMilliseconds(350));
        }

        Assert.Equal([JobState.Queued, JobState.Queued, JobState.Dead], states);
        var dead = await db.Store.GetAsync(id);
        Assert.Equal((JobState.Dead, 3, "busy 3"), (dead!.State, dead.Attempts, dead.Error));
        Assert.Null(await db.Store.LeaseAsync("w", Lease));
    }

    [Theory, SqliteBackend, PostgresBackend]
    public async Task Permanent_failure_fails_on_the_first_attempt(string backend)
    {
        await using var db = await TestBackend.CreateAsync(backend);
        var id = (await db.Store.EnqueueAsync(Request(maxAttempts: 5))).Job.Id;
        await db.Store.LeaseAsync("w", Lease);

        var write = await db.Store.FailPermanentAsync(id, "w", "input.text: must not be empty");

        Assert.Equal(JobState.Failed, write.State);
        var failed = await db.Store.GetAsync(id);
        Assert.Equal((JobState.Failed, 1, "input.text: must not be empty"), (failed!.State, failed.Attempts, failed.Error));
        Assert.Null(await db.Store.LeaseAsync("w", Lease));
    }

    [Theory, SqliteBackend, PostgresBackend]
    public async Task Cancelling_a_queued_job_is_immediate(string backend)
    {
        await using var db = await TestBackend.CreateAsync(backend);
        var id = (await db.Store.EnqueueAsync(Request())).Job.Id;

        Assert.Equal(CancelOutcome.Cancelled, await db.Store.CancelAsync(id));
        Assert.Equal(CancelOutcome.AlreadyFinal, await db.Store.CancelAsync(id));
        Assert.Equal(CancelOutcome.NotFound, await db.Store.CancelAsync("missing"));
        Assert.Equal(JobState.Cancelled, (await db.Store.GetAsync(id))!.State);
        Assert.Null(await db.Store.LeaseAsync("w", Lease));
    }

    [Theory, SqliteBackend, PostgresBackend]
    public async Task Cancelling_a_running_job_is_seen_on_heartbeat_and_acknowledged(string backend)
    {
        await using var db = await TestBackend.CreateAsync(backend);
        var id = (await db.Store.EnqueueAsync(Request())).Job.Id;
        await db.Store.LeaseAsync("w", Lease);

        var outcome = await db.Store.CancelAsync(id);
        var renewal = await db.Store.RenewLeaseAsync(id, "w", Lease);
        var acknowledged = await db.Store.MarkCancelledAsync(id, "w");

        Assert.Equal(CancelOutcome.CancellationRequested, outcome);
        Assert.Equal(new LeaseRenewal(Held: true, CancellationRequested: true), renewal);
        Assert.Equal(JobState.Cancelled, acknowledged.State);
        Assert.Equal(JobWriteStatus.NotRunning, (await db.Store.CompleteAsync(id, "w", Json("1"))).Status);
    }

    [Theory, SqliteBackend, PostgresBackend]
    public async Task Released_job_is_queued_again_without_counting_the_attempt(string backend)
    {
        await using var db = await TestBackend.CreateAsync(backend);
        var id = (await db.Store.EnqueueAsync(Request())).Job.Id;
        await db.Store.LeaseAsync("w", Lease);

        var write = await db.Store.ReleaseAsync(id, "w", TimeSpan.Zero);
        var again = await db.Store.LeaseAsync("w2", Lease);

        Assert.Equal(JobState.Queued, write.State);
        Assert.Equal((id, 1), (again?.Id, again?.Attempts));
    }

    [Theory, SqliteBackend, PostgresBackend]
    public async Task Job_whose_worker_is_lost_on_every_attempt_is_dead(string backend)
    {
        await using var db = await TestBackend.CreateAsync(backend, fakeClock: true);
        var id = (await db.Store.EnqueueAsync(Request(maxAttempts: 2))).Job.Id;
        await db.Store.LeaseAsync("lost-1", TimeSpan.FromMilliseconds(200));
        await db.PassAsync(TimeSpan.FromMilliseconds(250));
        await db.Store.LeaseAsync("lost-2", TimeSpan.FromMilliseconds(200));
        await db.PassAsync(TimeSpan.FromMilliseconds(250));

        Assert.Null(await db.Store.LeaseAsync("w", Lease));
        var dead = await db.Store.GetAsync(id);
        Assert.Equal(JobState.Dead, dead!.State);
        Assert.Contains("lease expired", dead.Error, StringComparison.Ordinal);
    }
}
