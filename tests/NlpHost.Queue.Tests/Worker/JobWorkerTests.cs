using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NlpHost.Abstractions.Plugins;
using NlpHost.Queue.Jobs;
using NlpHost.Queue.Tests.Infrastructure;
using static NlpHost.Queue.Tests.Infrastructure.TestJobs;

namespace NlpHost.Queue.Tests.Worker;

public sealed class JobWorkerTests
{
    [Theory, SqliteBackend, PostgresBackend]
    public async Task Worker_runs_queued_jobs_and_stores_results(string backend)
    {
        await using var db = await TestBackend.CreateAsync(backend);
        var executor = new FakeExecutor((_, input, progress, _) =>
        {
            progress.Report(new(0.5, "half"));
            return Task.FromResult(Json($$"""{"echo":{{input.GetProperty("text").GetRawText()}}}"""));
        });
        using var host = WorkerHost.Build(db, executor);
        await host.StartAsync();
        var store = host.Services.GetRequiredService<IJobStore>();

        var ids = (await store.EnqueueBatchAsync([.. Enumerable.Range(0, 20).Select(i => Request(input: $$"""{"text":"doc {{i}}"}"""))]))
            .Select(r => r.Job.Id).ToList();
        var jobs = await Task.WhenAll(ids.Select(id => WaitForAsync(store, id, j => j.IsFinal)));
        await host.StopAsync();

        Assert.All(jobs, job => Assert.Equal((JobState.Succeeded, 1), (job.State, job.Attempts)));
        Assert.Equal("doc 7", jobs[7].Result!.Value.GetProperty("echo").GetString());
        Assert.Equal(20, executor.Calls);
    }

    [Theory, SqliteBackend, PostgresBackend]
    public async Task Transient_faults_are_retried_until_the_job_is_dead(string backend)
    {
        await using var db = await TestBackend.CreateAsync(backend);
        var executor = new FakeExecutor((_, _, _, _) => throw new TransientTaskException("device busy"));
        using var host = WorkerHost.Build(db, executor);
        await host.StartAsync();
        var store = host.Services.GetRequiredService<IJobStore>();

        var id = (await store.EnqueueAsync(Request(maxAttempts: 10))).Job.Id;
        var dead = await WaitForAsync(store, id, j => j.IsFinal);
        await host.StopAsync();

        Assert.Equal((JobState.Dead, 3), (dead.State, dead.Attempts));
        Assert.Equal("device busy", dead.Error);
        Assert.Equal(3, executor.Calls);
    }

    [Theory, SqliteBackend, PostgresBackend]
    public async Task Bad_input_fails_at_once_while_other_jobs_succeed(string backend)
    {
        await using var db = await TestBackend.CreateAsync(backend);
        var executor = new FakeExecutor((task, input, _, _) => task switch
        {
            "missing" => throw new UnknownTaskException(task),
            _ when input.GetProperty("text").GetString() == "" => throw new TaskInputException("input.text", "must not be empty"),
            _ => Task.FromResult(Json("\"ok\"")),
        });
        using var host = WorkerHost.Build(db, executor);
        await host.StartAsync();
        var store = host.Services.GetRequiredService<IJobStore>();

        var bad = (await store.EnqueueAsync(Request(input: """{"text":""}"""))).Job.Id;
        var unknown = (await store.EnqueueAsync(Request(task: "missing"))).Job.Id;
        var good = (await store.EnqueueBatchAsync([Request(), Request(), Request()])).Select(r => r.Job.Id).ToList();
        var badJob = await WaitForAsync(store, bad, j => j.IsFinal);
        var unknownJob = await WaitForAsync(store, unknown, j => j.IsFinal);
        var goodJobs = await Task.WhenAll(good.Select(id => WaitForAsync(store, id, j => j.IsFinal)));
        await host.StopAsync();

        Assert.Equal((JobState.Failed, 1), (badJob.State, badJob.Attempts));
        Assert.Equal("input.text: must not be empty", badJob.Error);
        Assert.Equal((JobState.Failed, 1), (unknownJob.State, unknownJob.Attempts));
        Assert.All(goodJobs, job => Assert.Equal(JobState.Succeeded, job.State));
    }

    [Theory, SqliteBackend, PostgresBackend]
    public async Task Cancelling_a_running_job_stops_its_execution(string backend)
    {
        await using var db = await TestBackend.CreateAsync(backend);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var executor = FakeExecutor.UntilCancelled(started);
        using var host = WorkerHost.Build(db, executor);
        await host.StartAsync();
        var store = host.Services.GetRequiredService<IJobStore>();

        var id = (await store.EnqueueAsync(Request())).Job.Id;
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(CancelOutcome.CancellationRequested, await store.CancelAsync(id));
        var cancelled = await WaitForAsync(store, id, j => j.IsFinal);
        await host.StopAsync();

        Assert.Equal(JobState.Cancelled, cancelled.State);
        Assert.Null(cancelled.Result);
    }

    [Theory, SqliteBackend, PostgresBackend]
    public async Task Shutdown_releases_jobs_that_outlive_the_grace_period(string backend)
    {
        await using var db = await TestBackend.CreateAsync(backend);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var executor = FakeExecutor.UntilCancelled(started);
        using var host = WorkerHost.Build(db, executor, new() { ["Worker:ShutdownGraceSeconds"] = "0.2" });
        await host.StartAsync();
        var store = host.Services.GetRequiredService<IJobStore>();

        var id = (await store.EnqueueAsync(Request())).Job.Id;
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await host.StopAsync();
        var released = await store.GetAsync(id);

        Assert.Equal((JobState.Queued, 0), (released!.State, released.Attempts));
    }

    [Theory, SqliteBackend, PostgresBackend]
    public async Task Open_circuit_releases_jobs_without_burning_their_attempts(string backend)
    {
        await using var db = await TestBackend.CreateAsync(backend);
        var executor = new FakeExecutor((_, _, _, _) => throw new TransientTaskException("backbone down"));
        using var host = WorkerHost.Build(db, executor, new()
        {
            ["Worker:Concurrency"] = "1",
            ["Worker:MaxAttempts"] = "5",
            ["Worker:BreakerMinimumThroughput"] = "2",
            ["Worker:BreakerBreakSeconds"] = "60",
        });
        await host.StartAsync();
        var store = host.Services.GetRequiredService<IJobStore>();

        var id = (await store.EnqueueAsync(Request(maxAttempts: 5))).Job.Id;
        var released = await WaitForAsync(store, id, j => j.State == JobState.Queued && j.Attempts > 0);
        await host.StopAsync();

        Assert.Equal(2, executor.Calls);
        Assert.Equal(2, released.Attempts);
        Assert.True(released.VisibleAt > DateTimeOffset.UtcNow.AddSeconds(30), "the job waits out the open circuit");
    }

    [Theory]
    [InlineData("Queue:Provider", "postgres", "Queue:ConnectionString")]
    [InlineData("Worker:HeartbeatSeconds", "10", "Worker:HeartbeatSeconds")]
    [InlineData("Worker:Concurrency", "0", "Worker:Concurrency")]
    [InlineData("Worker:PrefetchCount", "-1", "Worker:PrefetchCount")]
    public async Task Invalid_options_fail_the_start_naming_the_key(string key, string value, string named)
    {
        await using var db = await TestBackend.CreateAsync(TestBackend.Sqlite);
        using var host = WorkerHost.Build(db, new FakeExecutor((_, _, _, _) => Task.FromResult(Json("1"))), new() { [key] = value });

        var error = await Assert.ThrowsAnyAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }
}
