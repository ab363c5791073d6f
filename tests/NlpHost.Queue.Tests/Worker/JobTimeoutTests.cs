using Microsoft.Extensions.DependencyInjection;
using NlpHost.Queue.Administration;
using NlpHost.Queue.Jobs;
using NlpHost.Queue.Tests.Infrastructure;
using static NlpHost.Queue.Tests.Infrastructure.TestJobs;

namespace NlpHost.Queue.Tests.Worker;

public sealed class JobTimeoutTests
{
    [Theory, SqliteBackend, PostgresBackend]
    public async Task A_job_past_its_time_limit_fails_once_with_the_setting_named_even_when_the_task_ignores_its_token(string backend)
    {
        await using var db = await TestBackend.CreateAsync(backend);
        var stuck = new TaskCompletionSource();
        // Ignores the token on purpose, as a task stuck in a CPU loop does.
        var executor = new FakeExecutor((_, _, _, _) => stuck.Task.ContinueWith(_ => Json("1"), TaskScheduler.Default));
        using var host = WorkerHost.Build(db, executor, new() { ["Worker:JobTimeoutSeconds"] = "0.5", ["Worker:Concurrency"] = "1" });
        await host.StartAsync();
        var store = host.Services.GetRequiredService<IJobStore>();

        var slow = (await store.EnqueueAsync(Request(maxAttempts: 5))).Job.Id;
        var failed = await WaitForAsync(store, slow, j => j.IsFinal);
        // The one slot is free again: the next job is run by it (and also stopped at the limit).
        var next = (await store.EnqueueAsync(Request())).Job.Id;
        var nextJob = await WaitForAsync(store, next, j => j.IsFinal);
        await host.StopAsync();
        stuck.SetResult();

        Assert.Equal((JobState.Failed, 1), (failed.State, failed.Attempts));
        Assert.Contains("Worker:JobTimeoutSeconds", failed.Error, StringComparison.Ordinal);
        Assert.Equal(JobState.Failed, nextJob.State);
    }

    [Theory, SqliteBackend, PostgresBackend]
    public async Task Task_names_are_stored_and_leased_in_lower_case(string backend)
    {
        await using var db = await TestBackend.CreateAsync(backend);
        var executor = new FakeExecutor((_, _, _, _) => Task.FromResult(Json("1"))) { Served = ["echo"] };
        using var host = WorkerHost.Build(db, executor);
        await host.StartAsync();
        var store = host.Services.GetRequiredService<IJobStore>();

        var enqueued = await store.EnqueueAsync(Request(task: " ECHO"));
        var done = await WaitForAsync(store, enqueued.Job.Id, j => j.IsFinal);
        await host.StopAsync();

        Assert.Equal("echo", enqueued.Job.Task);
        Assert.Equal(JobState.Succeeded, done.State);
    }

    [Theory, SqliteBackend, PostgresBackend]
    public async Task Jobs_of_every_state_list_newest_first_and_workers_report_what_they_serve(string backend)
    {
        await using var db = await TestBackend.CreateAsync(backend);
        var ids = (await db.Store.EnqueueBatchAsync([Request(), Request(), Request()])).Select(r => r.Job.Id).ToList();
        Assert.Equal(CancelOutcome.Cancelled, await db.Store.CancelAsync(ids[0]));
        await db.Store.ReportWorkerAsync(new WorkerReport("w1", ["echo", "cluster"], "1.2.3", 4, DateTimeOffset.UnixEpoch.AddDays(20_000)));
        await db.Store.ReportWorkerAsync(new WorkerReport("w2", null));
        var admin = (IJobAdministration)db.Store;

        var page = (await admin.BrowseAsync(new JobQuery(Offset: 0, Limit: 2))).Jobs;
        var rest = (await admin.BrowseAsync(new JobQuery(Offset: 2, Limit: 2))).Jobs;
        var workers = await db.Store.ListLiveWorkersAsync(TimeSpan.FromMinutes(1));
        var queued = (await admin.BacklogAsync()).ToDictionary(b => b.Task, b => b.Queued);

        Assert.Equal([ids[2], ids[1]], page.Select(j => j.Id));
        Assert.Equal([ids[0]], rest.Select(j => j.Id));
        Assert.Equal(JobState.Cancelled, rest[0].State);
        Assert.Equal(["w1", "w2"], workers.Select(w => w.WorkerId));
        Assert.True(workers[0].Serves("echo") && !workers[0].Serves("qa") && workers[1].Serves("qa"));
        Assert.Equal(2, queued.Values.Sum());
        Assert.Equal(("1.2.3", 4, DateTimeOffset.UnixEpoch.AddDays(20_000)), (workers[0].Version, workers[0].Slots, workers[0].StartedAt));
    }
}
