using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NlpHost.Queue.Jobs;
using NlpHost.Queue.Tests.Infrastructure;
using static NlpHost.Queue.Tests.Infrastructure.TestJobs;

namespace NlpHost.Queue.Tests.Worker;

/// <summary>
/// <c>Worker:PrefetchCount</c>: jobs leased ahead of the free slots keep every guarantee of a running job. One slot is
/// held by a gated job, so the others wait as prefetched for as long as the test needs.
/// </summary>
public sealed class PrefetchTests
{
    private static readonly Dictionary<string, string?> OneSlotFourAhead = new()
    {
        ["Worker:Concurrency"] = "1",
        ["Worker:PrefetchCount"] = "4",
        ["Worker:JobTimeoutSeconds"] = "120",
    };

    [Theory, SqliteBackend, PostgresBackend]
    public async Task A_busy_worker_holds_prefetched_jobs_and_releases_them_at_once_when_it_stops(string backend)
    {
        await using var db = await TestBackend.CreateAsync(backend);
        var gate = new GatedExecutor();
        using var host = WorkerHost.Build(db, gate.Executor(), new(OneSlotFourAhead) { ["Worker:ShutdownGraceSeconds"] = "30" });
        await host.StartAsync();
        var store = host.Services.GetRequiredService<IJobStore>();
        await WarmUpAsync(store);
        var ids = (await store.EnqueueBatchAsync([.. Enumerable.Range(0, 10).Select(i => Request(input: $$"""{"text":"j{{i}}"}"""))])).Select(r => r.Job.Id).ToList();
        await gate.Started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var running = (await store.CountByStateAsync())[JobState.Running];
        var held = HeldGauge(host.Services.GetRequiredService<IMeterFactory>());

        // Well within the 30 s grace of the running job: the prefetched ones are not held back with it.
        var stopping = host.StopAsync();
        var released = await Task.WhenAll(ids.Skip(1).Select(id => WaitForAsync(store, id, j => j.State == JobState.Queued, timeoutSeconds: 15)));
        gate.Open();
        await stopping;

        Assert.Equal(5, running);
        Assert.Equal((1, 4), (held["running"], held["waiting"])); // what nlphost_queue_worker_held{state} shows
        Assert.Equal(["j0"], gate.Ran);
        Assert.All(released, job => Assert.Equal(0, job.Attempts));
        Assert.Equal((JobState.Succeeded, 1), ((await store.GetAsync(ids[0]))!.State, (await store.GetAsync(ids[0]))!.Attempts));
    }

    [Theory, SqliteBackend]
    public async Task Prefetched_jobs_keep_their_leases_while_they_wait_and_each_runs_once(string backend)
    {
        await using var db = await TestBackend.CreateAsync(backend);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.Zero));
        var gate = new GatedExecutor();
        using var host = WorkerHost.Build(db, gate.Executor(), new(OneSlotFourAhead) { ["Worker:LeaseSeconds"] = "5", ["Worker:HeartbeatSeconds"] = "1" }, time);
        await host.StartAsync();
        var store = host.Services.GetRequiredService<IJobStore>();
        await WarmUpAsync(store);
        var ids = (await store.EnqueueBatchAsync([.. Enumerable.Range(0, 5).Select(i => Request(input: $$"""{"text":"j{{i}}"}"""))])).Select(r => r.Job.Id).ToList();
        await gate.Started.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // Twelve beats over twelve seconds of the host's clock: more than twice the five-second lease.
        for (var beat = 0; beat < 12; beat++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            var renewedTo = time.GetUtcNow().AddSeconds(4.5);
            await Task.WhenAll(ids.Select(id => WaitForAsync(store, id, j => j.LeaseExpiresAt >= renewedTo)));
        }

        var stolen = await db.CreateStore(time).LeaseAsync("another host", Lease);
        gate.Open();
        var jobs = await Task.WhenAll(ids.Select(id => WaitForAsync(store, id, j => j.IsFinal)));
        await host.StopAsync();

        Assert.Null(stolen);
        Assert.All(jobs, job => Assert.Equal((JobState.Succeeded, 1), (job.State, job.Attempts)));
        Assert.Equal(["j0", "j1", "j2", "j3", "j4"], gate.Ran);
    }

    [Theory, SqliteBackend]
    public async Task Jobs_whose_leases_another_host_took_are_stopped_when_running_and_never_started_when_waiting(string backend)
    {
        await using var db = await TestBackend.CreateAsync(backend);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.Zero));
        var gate = new GatedExecutor();
        using var host = WorkerHost.Build(db, gate.Executor(), new(OneSlotFourAhead) { ["Worker:HeartbeatSeconds"] = "1" }, time);
        await host.StartAsync();
        var store = host.Services.GetRequiredService<IJobStore>();
        await WarmUpAsync(store);
        var ids = (await store.EnqueueBatchAsync([.. Enumerable.Range(0, 3).Select(i => Request(input: $$"""{"text":"j{{i}}"}"""))])).Select(r => r.Job.Id).ToList();
        await gate.Started.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // A host whose clock is past every lease takes all three over, as after a stall longer than the lease.
        var thief = db.CreateStore(new FakeTimeProvider(time.GetUtcNow().AddMinutes(10)));
        var taken = await thief.LeaseBatchAsync("thief", Lease, null, 3, default);
        time.Advance(TimeSpan.FromSeconds(1));
        await gate.Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(30));
        foreach (var job in taken)
        {
            await thief.CompleteAsync(job.Id, "thief", Json("\"thief\""));
        }

        // Queued behind the two that were waiting: it runs only once the beat has stopped j0 and the slot passed over them.
        var after = (await store.EnqueueAsync(Request(input: """{"text":"after"}"""))).Job.Id;
        await WaitForAsync(store, after, j => j.IsFinal);
        await host.StopAsync();

        Assert.Equal(ids, taken.Select(j => j.Id));
        Assert.Equal(["j0", "after"], gate.Ran);
        foreach (var id in ids)
        {
            var job = await store.GetAsync(id);
            Assert.Equal((JobState.Succeeded, 2, "thief"), (job!.State, job.Attempts, job.Result!.Value.GetString()));
        }
    }

    [Theory, SqliteBackend, PostgresBackend]
    public async Task A_prefetched_job_cancelled_while_it_waits_is_cancelled_at_the_next_beat_without_running(string backend)
    {
        await using var db = await TestBackend.CreateAsync(backend);
        var gate = new GatedExecutor();
        using var host = WorkerHost.Build(db, gate.Executor(), OneSlotFourAhead);
        await host.StartAsync();
        var store = host.Services.GetRequiredService<IJobStore>();
        await WarmUpAsync(store);
        var ids = (await store.EnqueueBatchAsync([.. Enumerable.Range(0, 3).Select(i => Request(input: $$"""{"text":"j{{i}}"}"""))])).Select(r => r.Job.Id).ToList();
        await gate.Started.Task.WaitAsync(TimeSpan.FromSeconds(30));

        var outcome = await store.CancelAsync(ids[1]);
        // While the only slot is still busy: the heartbeat settles it, not the slot.
        var cancelled = await WaitForAsync(store, ids[1], j => j.IsFinal);
        gate.Open();
        var jobs = await Task.WhenAll(ids.Select(id => WaitForAsync(store, id, j => j.IsFinal)));
        await host.StopAsync();

        Assert.Equal(CancelOutcome.CancellationRequested, outcome);
        Assert.Equal(JobState.Cancelled, cancelled.State);
        Assert.Equal([JobState.Succeeded, JobState.Cancelled, JobState.Succeeded], jobs.Select(j => j.State));
        Assert.Equal(["j0", "j2"], gate.Ran);
    }

    [Theory]
    [InlineData(2.0, 1)]
    [InlineData(0.25, 5)]
    public async Task The_prefetch_holds_only_what_the_slots_finish_within_the_wait_bound(double warmUpSeconds, int held)
    {
        await using var db = await TestBackend.CreateAsync(TestBackend.Sqlite);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.Zero));
        var gate = new GatedExecutor { Clock = time, WarmUpTakes = TimeSpan.FromSeconds(warmUpSeconds) };
        using var host = WorkerHost.Build(db, gate.Executor(), new(OneSlotFourAhead) { ["Worker:PrefetchWaitSeconds"] = "1" }, time);
        await host.StartAsync();
        var store = host.Services.GetRequiredService<IJobStore>();
        await WarmUpAsync(store);

        // One slot, jobs that held it warmUpSeconds: one second of waiting fits 1 / warmUpSeconds of them (at most 4).
        await store.EnqueueBatchAsync([.. Enumerable.Range(0, 6).Select(i => Request(input: $$"""{"text":"j{{i}}"}"""))]);
        await gate.Started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var running = (await store.CountByStateAsync())[JobState.Running];
        gate.Open();
        await host.StopAsync();

        Assert.Equal(held, running);
    }

    // Nothing is prefetched before a job has finished: one quick job first gives the worker its slot time.
    private static async Task WarmUpAsync(IJobStore store) =>
        await WaitForAsync(store, (await store.EnqueueAsync(Request(input: """{"text":"warm"}"""))).Job.Id, j => j.State == JobState.Succeeded);

    /// <summary>
    /// The <c>nlphost.queue.worker.held</c> gauge of this host (its meter factory: other tests' hosts run in the same
    /// process) as a collection reads it, by its <c>state</c> tag.
    /// </summary>
    private static Dictionary<string, long> HeldGauge(IMeterFactory factory)
    {
        var values = new Dictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == factory && instrument.Meter.Name == "NlpHost.Queue" && instrument.Name == "nlphost.queue.worker.held")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "state")
                {
                    values[(string)tag.Value!] = value;
                }
            }
        });
        listener.Start();
        listener.RecordObservableInstruments();
        return values;
    }
}
