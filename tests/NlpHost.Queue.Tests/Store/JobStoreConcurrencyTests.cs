using System.Collections.Concurrent;
using NlpHost.Queue.Jobs;
using NlpHost.Queue.Tests.Infrastructure;
using static NlpHost.Queue.Tests.Infrastructure.TestJobs;

namespace NlpHost.Queue.Tests.Store;

public sealed class JobStoreConcurrencyTests
{
    [Theory, SqliteBackend, PostgresBackend]
    public async Task Parallel_leasers_on_two_hosts_get_every_job_exactly_once(string backend)
    {
        const int jobCount = 500;
        await using var db = await TestBackend.CreateAsync(backend);
        await db.Store.EnqueueBatchAsync([.. Enumerable.Range(0, jobCount).Select(i => Request(key: $"doc-{i}"))]);
        IJobStore[] hosts = [db.Store, db.CreateStore()];
        var leases = new ConcurrentBag<(string JobId, string Owner)>();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            var owner = $"w{worker}";
            var store = hosts[worker % hosts.Length];
            while (await store.LeaseAsync(owner, Lease) is { } job)
            {
                leases.Add((job.Id, owner));
                var write = await store.CompleteAsync(job.Id, owner, Json("true"));
                Assert.True(write.Applied);
            }
        })));

        Assert.Equal(jobCount, leases.Count);
        Assert.Equal(jobCount, leases.Select(l => l.JobId).Distinct().Count());
        var counts = await db.Store.CountByStateAsync();
        Assert.Equal((jobCount, 0L, 0L), (counts[JobState.Succeeded], counts[JobState.Queued], counts[JobState.Running]));
    }
}
