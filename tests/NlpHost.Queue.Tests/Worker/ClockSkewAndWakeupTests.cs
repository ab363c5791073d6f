using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NlpHost.Queue.Jobs;
using NlpHost.Queue.Tests.Infrastructure;
using static NlpHost.Queue.Tests.Infrastructure.TestJobs;

namespace NlpHost.Queue.Tests.Worker;

public sealed class ClockSkewAndWakeupTests
{
    // Long enough that a test passing within its timeout cannot have been served by a poll.
    private static readonly Dictionary<string, string?> PollOnceAMinute = new() { ["Worker:PollMilliseconds"] = "60000" };

    [Theory, PostgresBackend]
    public async Task Hosts_whose_clocks_disagree_by_ten_minutes_run_every_job_exactly_once(string backend)
    {
        await using var db = await TestBackend.CreateAsync(backend);
        var runs = new ConcurrentDictionary<int, int>();
        var executor = new FakeExecutor(async (_, input, _, ct) =>
        {
            var n = input.GetProperty("n").GetInt32();
            runs.AddOrUpdate(n, 1, (_, count) => count + 1);
            await Task.Delay(10 + (n * 7 % 60), ct);
            return Json(n.ToString(System.Globalization.CultureInfo.InvariantCulture));
        });
        // A 2 s lease: a host that judged expiry on its own clock would see the other's leases as long expired (or its own as never).
        var timings = new Dictionary<string, string?> { ["Worker:LeaseSeconds"] = "2", ["Worker:HeartbeatSeconds"] = "0.5" };
        using var onTime = WorkerHost.Build(db, executor, timings);
        using var ahead = WorkerHost.Build(db, executor, timings, new SkewedTimeProvider(TimeSpan.FromMinutes(10)));
        using var behind = WorkerHost.Build(db, executor, timings, new SkewedTimeProvider(TimeSpan.FromMinutes(-10)));
        await Task.WhenAll(onTime.StartAsync(), ahead.StartAsync(), behind.StartAsync());

        var ids = (await db.Store.EnqueueBatchAsync([.. Enumerable.Range(0, 120).Select(i => Request(input: $$"""{"n":{{i}}}"""))])).Select(r => r.Job.Id).ToList();
        var jobs = await Task.WhenAll(ids.Select(id => WaitForAsync(db.Store, id, j => j.IsFinal, timeoutSeconds: 60)));
        await Task.WhenAll(onTime.StopAsync(), ahead.StopAsync(), behind.StopAsync());

        Assert.All(jobs, job => Assert.Equal((JobState.Succeeded, 1), (job.State, job.Attempts)));
        Assert.Equal(120, runs.Count);
        Assert.All(runs, run => Assert.Equal(1, run.Value));
    }

    [Theory, PostgresBackend]
    public async Task An_idle_worker_starts_a_job_another_host_enqueued_without_waiting_for_its_poll(string backend)
    {
        await using var db = await TestBackend.CreateAsync(backend);
        using var host = WorkerHost.Build(db, new FakeExecutor((_, _, _, _) => Task.FromResult(Json("1"))), PollOnceAMinute);
        await host.StartAsync();
        await WaitForIdleAsync(host);

        var first = (await db.Store.EnqueueAsync(Request())).Job.Id;
        var firstDone = await WaitForAsync(db.Store, first, j => j.IsFinal, timeoutSeconds: 20);
        var second = (await db.Store.EnqueueBatchAsync([Request(), Request()]))[1].Job.Id;
        var secondDone = await WaitForAsync(db.Store, second, j => j.IsFinal, timeoutSeconds: 20);
        await host.StopAsync();

        Assert.Equal(JobState.Succeeded, firstDone.State);
        Assert.Equal(JobState.Succeeded, secondDone.State);
    }

    [Theory, SqliteBackend]
    public async Task On_sqlite_a_job_submitted_through_the_same_host_wakes_its_worker(string backend)
    {
        await using var db = await TestBackend.CreateAsync(backend);
        using var host = WorkerHost.Build(db, new FakeExecutor((_, _, _, _) => Task.FromResult(Json("1"))), PollOnceAMinute);
        await host.StartAsync();
        var store = host.Services.GetRequiredService<IJobStore>();
        await WaitForIdleAsync(host);

        var id = (await store.EnqueueAsync(Request())).Job.Id;
        var done = await WaitForAsync(store, id, j => j.IsFinal, timeoutSeconds: 20);
        await host.StopAsync();

        Assert.Equal(JobState.Succeeded, done.State);
    }

    // The worker has reported itself, so its first (empty) lease is behind it and it waits on the wake-up.
    private static async Task WaitForIdleAsync(IHost host)
    {
        var store = host.Services.GetRequiredService<IJobStore>();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((await store.ListLiveWorkersAsync(TimeSpan.FromMinutes(1))).Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        await Task.Delay(200);
    }
}
