using NlpHost.Queue.Jobs;
using NlpHost.Queue.Tests.Infrastructure;
using static NlpHost.Queue.Tests.Infrastructure.TestJobs;

namespace NlpHost.Queue.Tests.Store;

public sealed class JobStoreBatchTests
{
    [Theory, SqliteBackend, PostgresBackend]
    public async Task Lease_batch_takes_up_to_its_limit_in_priority_order_and_each_job_keeps_its_own_lease(string backend)
    {
        await using var db = await TestBackend.CreateAsync(backend);
        var low = (await db.Store.EnqueueBatchAsync([Request(), Request(), Request()])).Select(r => r.Job.Id).ToList();
        var high = (await db.Store.EnqueueAsync(Request(priority: 9))).Job.Id;

        var batch = await db.Store.LeaseBatchAsync("w", Lease, null, 3, default);
        var rest = await db.Store.LeaseBatchAsync("w2", Lease, null, 10, default);
        var completed = await db.Store.CompleteAsync(batch[0].Id, "w", Json("1"));
        var renewed = await db.Store.RenewLeaseAsync(batch[1].Id, "w", Lease);

        Assert.Equal([high, low[0], low[1]], batch.Select(j => j.Id));
        Assert.All(batch, job => Assert.Equal((JobState.Running, "w", 1), (job.State, job.LeaseOwner, job.Attempts)));
        Assert.Equal([low[2]], rest.Select(j => j.Id));
        Assert.True(completed.Applied);
        Assert.True(renewed.Held);
        Assert.Equal(JobState.Running, (await db.Store.GetAsync(batch[2].Id))!.State);
        Assert.Empty(await db.Store.LeaseBatchAsync("w3", Lease, null, 10, default));
    }

    [Theory, SqliteBackend, PostgresBackend]
    public async Task Completion_batch_succeeds_only_the_jobs_their_owner_still_runs(string backend)
    {
        await using var db = await TestBackend.CreateAsync(backend);
        var ids = (await db.Store.EnqueueBatchAsync([Request(), Request(), Request()])).Select(r => r.Job.Id).ToList();
        await db.Store.LeaseBatchAsync("w", Lease, null, 3, default);
        await db.Store.FailPermanentAsync(ids[2], "w", "bad input");

        var writes = await db.Store.CompleteBatchAsync(
        [
            new JobCompletion(ids[0], "w", Json("\"a\"")),
            new JobCompletion(ids[1], "someone-else", Json("\"b\"")),
            new JobCompletion(ids[2], "w", Json("\"c\"")),
            new JobCompletion("missing", "w", Json("\"d\"")),
        ]);

        Assert.Equal(
            [JobWriteStatus.Applied, JobWriteStatus.NotOwner, JobWriteStatus.NotRunning, JobWriteStatus.NotFound],
            writes.Select(w => w.Status));
        var first = await db.Store.GetAsync(ids[0]);
        Assert.Equal((JobState.Succeeded, "a", 1.0), (first!.State, first.Result!.Value.GetString(), first.Progress!.Value.Fraction));
        Assert.Equal(JobState.Running, (await db.Store.GetAsync(ids[1]))!.State);
        Assert.Equal(JobState.Failed, (await db.Store.GetAsync(ids[2]))!.State);
        Assert.Empty(await db.Store.CompleteBatchAsync([]));
    }

    [Theory, SqliteBackend, PostgresBackend]
    public async Task A_large_batch_is_stored_in_order_with_its_options_and_idempotency_keys(string backend)
    {
        await using var db = await TestBackend.CreateAsync(backend);
        var existing = (await db.Store.EnqueueAsync(Request(key: "k-7"))).Job.Id;
        var requests = Enumerable.Range(0, 3000)
            .Select(i => new JobRequest("Echo", Json($$"""{"n":{{i}}}"""), i % 2 == 0 ? Json("""{"x":1}""") : null,
                Priority: 0, IdempotencyKey: i < 10 ? $"k-{i % 8}" : null, MaxAttempts: i == 5 ? 2 : null))
            .ToList();

        var results = await db.Store.EnqueueBatchAsync(requests);

        Assert.Equal(3000, results.Count);
        Assert.Equal(existing, results[7].Job.Id);
        Assert.False(results[7].Created);
        Assert.Equal((false, results[0].Job.Id), (results[8].Created, results[8].Job.Id));
        Assert.Equal(3000 - 3, results.Count(r => r.Created));
        var stored = await db.Store.ListAsync(JobState.Queued, 1, 1000);
        Assert.Equal(results.Where(r => r.Created).Take(1000).Select(r => r.Job.Id), stored.Select(j => j.Id));
        Assert.Equal(("echo", 0, 1), (stored[0].Task, stored[0].Input.GetProperty("n").GetInt32(), stored[0].Options!.Value.GetProperty("x").GetInt32()));
        Assert.Null(stored[1].Options);
        Assert.Equal(2, results[5].Job.MaxAttempts);
        Assert.Equal(3000 - 3 + 1, (await db.Store.CountByStateAsync())[JobState.Queued]);
    }
}
