using NlpHost.Queue.Administration;
using NlpHost.Queue.Jobs;
using NlpHost.Queue.Tests.Infrastructure;
using static NlpHost.Queue.Tests.Infrastructure.TestJobs;

namespace NlpHost.Queue.Tests.Store;

public sealed class JobAdministrationTests
{
    [Theory, SqliteBackend, PostgresBackend]
    public async Task Browse_lists_newest_first_filtered_by_state_and_task_with_the_total(string backend)
    {
        await using var db = await TestBackend.CreateAsync(backend);
        var admin = Admin(db);
        var a1 = (await db.Store.EnqueueAsync(Request("a"))).Job;
        var b1 = (await db.Store.EnqueueAsync(Request("b"))).Job;
        var a2 = (await db.Store.EnqueueAsync(Request("a"))).Job;
        var a3 = (await db.Store.EnqueueAsync(Request("a"))).Job;
        await db.Store.CancelAsync(a3.Id);

        var all = await admin.BrowseAsync(new JobQuery());
        var queuedA = await admin.BrowseAsync(new JobQuery(JobState.Queued, "a"));
        var secondPage = await admin.BrowseAsync(new JobQuery(Offset: 1, Limit: 2));
        var cancelled = await admin.BrowseAsync(new JobQuery(State: JobState.Cancelled));

        Assert.Equal([a3.Id, a2.Id, b1.Id, a1.Id], all.Jobs.Select(j => j.Id));
        Assert.Equal(4, all.Total);
        Assert.Equal([a2.Id, a1.Id], queuedA.Jobs.Select(j => j.Id));
        Assert.Equal(2, queuedA.Total);
        Assert.Equal([a2.Id, b1.Id], secondPage.Jobs.Select(j => j.Id));
        Assert.Equal(4, secondPage.Total);
        Assert.Equal([a3.Id], cancelled.Jobs.Select(j => j.Id));
    }

    [Theory, SqliteBackend, PostgresBackend]
    public async Task Backlog_counts_queued_and_running_per_task_with_the_oldest_queued(string backend)
    {
        await using var db = await TestBackend.CreateAsync(backend);
        var oldest = (await db.Store.EnqueueAsync(Request("a"))).Job;
        await db.Store.EnqueueAsync(Request("a"));
        await db.Store.EnqueueAsync(Request("b"));
        var done = (await db.Store.EnqueueAsync(Request("c"))).Job;
        var leased = await db.Store.LeaseAsync("w", Lease, ["a"], default);
        await db.Store.LeaseAsync("w", Lease, ["c"], default);
        await db.Store.CompleteAsync(done.Id, "w", Json("{}"));

        var backlog = await Admin(db).BacklogAsync();

        Assert.Equal(oldest.Id, leased!.Id);
        Assert.Equal(["a", "b"], backlog.Select(b => b.Task));
        Assert.Equal((1L, 1L), (backlog[0].Queued, backlog[0].Running));
        Assert.Equal((1L, 0L), (backlog[1].Queued, backlog[1].Running));
        var secondA = (await Admin(db).BrowseAsync(new JobQuery(JobState.Queued, "a"))).Jobs.Single();
        Assert.Equal(secondA.CreatedAt, backlog[0].OldestQueuedAt);
    }

    [Theory, SqliteBackend, PostgresBackend]
    public async Task Throughput_counts_successes_and_failures_by_finishing_time(string backend)
    {
        await using var db = await TestBackend.CreateAsync(backend);
        var since = DateTimeOffset.UtcNow.AddMinutes(-1);
        await FinishAsync(db, ok: true);
        await FinishAsync(db, ok: true);
        await FinishAsync(db, ok: false);
        await db.Store.EnqueueAsync(Request());

        var buckets = await Admin(db).ThroughputAsync(since, TimeSpan.FromHours(1));
        var none = await Admin(db).ThroughputAsync(DateTimeOffset.UtcNow.AddMinutes(5), TimeSpan.FromMinutes(1));

        var bucket = Assert.Single(buckets);
        Assert.Equal((2L, 1L), (bucket.Succeeded, bucket.Failed));
        Assert.Equal(since.ToUnixTimeMilliseconds(), bucket.Start.ToUnixTimeMilliseconds());
        Assert.Empty(none);
    }

    [Theory, SqliteBackend, PostgresBackend]
    public async Task Retry_queues_a_dead_or_failed_job_again_with_fresh_attempts(string backend)
    {
        await using var db = await TestBackend.CreateAsync(backend);
        var dead = (await db.Store.EnqueueAsync(Request(maxAttempts: 1))).Job;
        await db.Store.LeaseAsync("w", Lease);
        await db.Store.FailTransientAsync(dead.Id, "w", "boom", retryAfter: null);
        var queued = (await db.Store.EnqueueAsync(Request())).Job;

        var retried = await Admin(db).RetryAsync(dead.Id);
        var again = await db.Store.GetAsync(dead.Id);
        var notRetryable = await Admin(db).RetryAsync(queued.Id);
        var missing = await Admin(db).RetryAsync("nope");
        var leased = await db.Store.LeaseAsync("w2", Lease);

        Assert.Equal(RetryOutcome.Retried, retried);
        Assert.Equal((JobState.Queued, 0, null), (again!.State, again.Attempts, again.FinishedAt));
        Assert.Equal("boom", again.Error);
        Assert.Equal(RetryOutcome.NotRetryable, notRetryable);
        Assert.Equal(RetryOutcome.NotFound, missing);
        Assert.Equal((dead.Id, 1), (leased!.Id, leased.Attempts));
    }

    [Theory, SqliteBackend, PostgresBackend]
    public async Task Delete_removes_a_job_unless_it_is_running(string backend)
    {
        await using var db = await TestBackend.CreateAsync(backend);
        var running = (await db.Store.EnqueueAsync(Request())).Job;
        await db.Store.LeaseAsync("w", Lease);
        var queued = (await db.Store.EnqueueAsync(Request())).Job;

        var deleted = await Admin(db).DeleteAsync(queued.Id);
        var refused = await Admin(db).DeleteAsync(running.Id);
        var missing = await Admin(db).DeleteAsync(queued.Id);

        Assert.Equal(DeleteOutcome.Deleted, deleted);
        Assert.Null(await db.Store.GetAsync(queued.Id));
        Assert.Equal(DeleteOutcome.Running, refused);
        Assert.Equal(JobState.Running, (await db.Store.GetAsync(running.Id))!.State);
        Assert.Equal(DeleteOutcome.NotFound, missing);
    }

    private static IJobAdministration Admin(TestBackend db) => (IJobAdministration)db.Store;

    private static async Task FinishAsync(TestBackend db, bool ok)
    {
        var job = (await db.Store.EnqueueAsync(Request("t", maxAttempts: 1))).Job;
        await db.Store.LeaseAsync("w", Lease, ["t"], default);
        _ = ok
            ? await db.Store.CompleteAsync(job.Id, "w", Json("{}"))
            : await db.Store.FailPermanentAsync(job.Id, "w", "bad");
    }
}
