using NlpHost.Queue.Jobs;
using NlpHost.Queue.Tests.Infrastructure;
using static NlpHost.Queue.Tests.Infrastructure.TestJobs;

namespace NlpHost.Queue.Tests.Store;

public sealed class JobStoreLifecycleTests
{
    [Theory, SqliteBackend, PostgresBackend]
    public async Task Enqueued_job_is_leased_and_completed_with_its_result(string backend)
    {
        await using var db = await TestBackend.CreateAsync(backend);
        var enqueued = await db.Store.EnqueueAsync(Request(input: """{"text":"hello"}"""));

        var leased = await db.Store.LeaseAsync("w1", Lease);
        var write = await db.Store.CompleteAsync(enqueued.Job.Id, "w1", Json("""{"label":"greeting"}"""));

        Assert.True(enqueued.Created);
        Assert.Equal(JobState.Queued, enqueued.Job.State);
        Assert.NotNull(leased);
        Assert.Equal(enqueued.Job.Id, leased.Id);
        Assert.Equal((JobState.Running, 1, "w1"), (leased.State, leased.Attempts, leased.LeaseOwner));
        Assert.Equal("hello", leased.Input.GetProperty("text").GetString());
        Assert.Equal(new JobWriteResult(JobWriteStatus.Applied, JobState.Succeeded), write);
        var done = await db.Store.GetAsync(enqueued.Job.Id);
        Assert.Equal(JobState.Succeeded, done!.State);
        Assert.Equal("greeting", done.Result!.Value.GetProperty("label").GetString());
        Assert.NotNull(done.FinishedAt);
        Assert.Null(await db.Store.LeaseAsync("w1", Lease));
    }

    [Theory, SqliteBackend, PostgresBackend]
    public async Task Resubmitting_an_idempotency_key_returns_the_existing_job(string backend)
    {
        await using var db = await TestBackend.CreateAsync(backend);

        var first = await db.Store.EnqueueAsync(Request(key: "doc-42"));
        var second = await db.Store.EnqueueAsync(Request(key: "doc-42", input: """{"text":"other"}"""));
        var batch = await db.Store.EnqueueBatchAsync([Request(key: "doc-42"), Request(key: "doc-43"), Request(key: "doc-43")]);

        Assert.True(first.Created);
        Assert.False(second.Created);
        Assert.Equal(first.Job.Id, second.Job.Id);
        Assert.Equal("hi", second.Job.Input.GetProperty("text").GetString());
        Assert.Equal([false, true, false], batch.Select(r => r.Created));
        Assert.Equal(first.Job.Id, batch[0].Job.Id);
        Assert.Equal(batch[1].Job.Id, batch[2].Job.Id);
        Assert.Equal(2, (await db.Store.CountByStateAsync())[JobState.Queued]);
    }

    [Theory, SqliteBackend, PostgresBackend]
    public async Task Higher_priority_is_leased_first_then_submission_order(string backend)
    {
        await using var db = await TestBackend.CreateAsync(backend);
        var low1 = await db.Store.EnqueueAsync(Request(priority: 0));
        var high1 = await db.Store.EnqueueAsync(Request(priority: 5));
        var low2 = await db.Store.EnqueueAsync(Request(priority: 0));
        var high2 = await db.Store.EnqueueAsync(Request(priority: 5));

        var order = new List<string>();
        while (await db.Store.LeaseAsync("w", Lease) is { } job)
        {
            order.Add(job.Id);
        }

        Assert.Equal([high1.Job.Id, high2.Job.Id, low1.Job.Id, low2.Job.Id], order);
    }

    [Theory, SqliteBackend, PostgresBackend]
    public async Task Lease_expires_and_job_is_redelivered(string backend)
    {
        await using var db = await TestBackend.CreateAsync(backend, fakeClock: true);
        var job = (await db.Store.EnqueueAsync(Request())).Job;
        await db.Store.LeaseAsync("crashed-worker", TimeSpan.FromMilliseconds(300));

        var whileHeld = await db.Store.LeaseAsync("w2", Lease);
        await db.PassAsync(TimeSpan.FromMilliseconds(400));
        var redelivered = await db.Store.LeaseAsync("w2", Lease);

        Assert.Null(whileHeld);
        Assert.NotNull(redelivered);
        Assert.Equal((job.Id, "w2", 2), (redelivered.Id, redelivered.LeaseOwner, redelivered.Attempts));
        Assert.False((await db.Store.RenewLeaseAsync(job.Id, "crashed-worker", Lease)).Held);
        Assert.True((await db.Store.RenewLeaseAsync(job.Id, "w2", Lease)).Held);
    }

    [Theory, SqliteBackend, PostgresBackend]
    public async Task Result_is_written_once_and_never_overwritten(string backend)
    {
        await using var db = await TestBackend.CreateAsync(backend, fakeClock: true);
        var id = (await db.Store.EnqueueAsync(Request())).Job.Id;
        await db.Store.LeaseAsync("slow", TimeSpan.FromMilliseconds(200));
        await db.PassAsync(TimeSpan.FromMilliseconds(300));
        await db.Store.LeaseAsync("fast", Lease);

        var slowWhileFastRuns = await db.Store.CompleteAsync(id, "slow", Json("\"slow\""));
        var fast = await db.Store.CompleteAsync(id, "fast", Json("\"fast\""));
        var again = await db.Store.CompleteAsync(id, "fast", Json("\"again\""));
        var failAfter = await db.Store.FailPermanentAsync(id, "fast", "late failure");

        Assert.Equal(JobWriteStatus.NotOwner, slowWhileFastRuns.Status);
        Assert.True(fast.Applied);
        Assert.Equal(JobWriteStatus.NotRunning, again.Status);
        Assert.Equal(JobWriteStatus.NotRunning, failAfter.Status);
        Assert.Equal(JobWriteStatus.NotFound, (await db.Store.CompleteAsync("missing", "fast", Json("1"))).Status);
        var stored = await db.Store.GetAsync(id);
        Assert.Equal((JobState.Succeeded, "fast"), (stored!.State, stored.Result!.Value.GetString()));
    }

    [Theory, SqliteBackend, PostgresBackend]
    public async Task Jobs_are_listed_by_state_in_pages_and_counted(string backend)
    {
        await using var db = await TestBackend.CreateAsync(backend);
        var ids = (await db.Store.EnqueueBatchAsync([.. Enumerable.Range(0, 5).Select(_ => Request())])).Select(r => r.Job.Id).ToList();
        var leased = await db.Store.LeaseAsync("w", Lease);
        await db.Store.ReportProgressAsync(leased!.Id, "w", new(0.25, "tokenizing"));

        var page1 = await db.Store.ListAsync(JobState.Queued, 0, 3);
        var page2 = await db.Store.ListAsync(JobState.Queued, 3, 3);
        var counts = await db.Store.CountByStateAsync();
        var running = await db.Store.GetAsync(leased.Id);

        Assert.Equal(ids.Skip(1), page1.Concat(page2).Select(j => j.Id));
        Assert.Equal((4L, 1L, 0L), (counts[JobState.Queued], counts[JobState.Running], counts[JobState.Dead]));
        Assert.Equal(new(0.25, "tokenizing"), running!.Progress);
    }

    [Theory, SqliteBackend, PostgresBackend]
    public async Task Schema_is_created_once_when_hosts_start_together(string backend)
    {
        await using var db = await TestBackend.CreateAsync(backend);
        var stores = Enumerable.Range(0, 6).Select(_ => db.CreateStore()).ToList();

        await Task.WhenAll(stores.Select(s => s.InitializeAsync()));
        await stores[0].EnqueueAsync(Request());

        Assert.Equal(1, (await stores[5].CountByStateAsync())[JobState.Queued]);
    }
}
