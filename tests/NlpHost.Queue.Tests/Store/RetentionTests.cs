using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using NlpHost.Queue.Jobs;
using NlpHost.Queue.Tests.Infrastructure;
using static NlpHost.Queue.Tests.Infrastructure.TestJobs;

namespace NlpHost.Queue.Tests.Store;

public sealed class RetentionTests
{
    private static readonly Dictionary<JobState, TimeSpan> Week = new()
    {
        [JobState.Succeeded] = TimeSpan.FromDays(7),
        [JobState.Cancelled] = TimeSpan.FromDays(7),
    };

    [Theory, SqliteBackend]
    public async Task Finished_jobs_older_than_their_states_age_are_deleted_in_batches(string backend)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
        await using var db = await TestBackend.CreateAsync(backend);
        var store = db.CreateStore(time);
        var old = await FinishAsync(store, 3, fail: 1, cancel: 1);
        time.Advance(TimeSpan.FromDays(2));
        var recent = await FinishAsync(store, 1, fail: 0, cancel: 0);
        var queued = (await store.EnqueueAsync(Request())).Job.Id;
        time.Advance(TimeSpan.FromDays(5) + TimeSpan.FromMinutes(1));

        var deleted = await ((IJobAdministration)store).PurgeFinishedAsync(Week, batchSize: 1);

        Assert.Equal((3L, 1L), (deleted[JobState.Succeeded], deleted[JobState.Cancelled]));
        Assert.All(await Task.WhenAll(old.Take(3).Append(old[4]).Select(id => store.GetAsync(id))), Assert.Null);
        Assert.Equal(JobState.Failed, (await store.GetAsync(old[3]))!.State);
        Assert.Equal(JobState.Succeeded, (await store.GetAsync(recent[0]))!.State);
        Assert.Equal(JobState.Queued, (await store.GetAsync(queued))!.State);
    }

    [Theory, SqliteBackend]
    public async Task The_worker_host_runs_retention_on_its_interval(string backend)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var db = await TestBackend.CreateAsync(backend);
        using var host = WorkerHost.Build(db, new FakeExecutor((_, _, _, _) => Task.FromResult(Json("1"))) { Served = ["other"] },
            new() { ["Queue:Retention:SucceededDays"] = "1", ["Queue:Retention:IntervalMinutes"] = "60" }, time);
        var store = host.Services.GetRequiredService<IJobStore>();
        var id = (await FinishAsync(store, 1, fail: 0, cancel: 0))[0];
        await host.StartAsync();

        time.Advance(TimeSpan.FromHours(23));
        var kept = await store.GetAsync(id);
        time.Advance(TimeSpan.FromHours(2));
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await store.GetAsync(id) is not null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        await host.StopAsync();
        Assert.NotNull(kept);
        Assert.Null(await store.GetAsync(id));
    }

    [Theory, PostgresBackend]
    public async Task On_postgres_one_host_at_a_time_runs_retention(string backend)
    {
        await using var db = await TestBackend.CreateAsync(backend);
        var ids = await FinishAsync(db.Store, 4, fail: 0, cancel: 0);
        var settings = new NpgsqlConnectionStringBuilder(db.Settings["Queue:ConnectionString"]);
        await using var other = new NpgsqlConnection(settings.ToString());
        await other.OpenAsync();
        // Finished eight days ago, on the database's clock (which no TimeProvider moves).
        await using (var age = new NpgsqlCommand("UPDATE jobs SET finished_at = finished_at - 8 * 86400000", other))
        {
            await age.ExecuteNonQueryAsync();
        }

        // The retention lock key (PostgresJobStore.RetentionLockKey, "NLPHRET"), held as another host would.
        await using (var hold = new NpgsqlCommand("SELECT pg_advisory_lock(22038955877877076)", other))
        {
            await hold.ExecuteNonQueryAsync();
        }

        var whileHeld = await ((IJobAdministration)db.Store).PurgeFinishedAsync(Week, batchSize: 3);
        await using (var release = new NpgsqlCommand("SELECT pg_advisory_unlock(22038955877877076)", other))
        {
            await release.ExecuteNonQueryAsync();
        }

        var afterwards = await ((IJobAdministration)db.Store).PurgeFinishedAsync(Week, batchSize: 3);

        Assert.Equal(0, whileHeld[JobState.Succeeded]);
        Assert.Equal(4, afterwards[JobState.Succeeded]);
        Assert.All(await Task.WhenAll(ids.Select(id => db.Store.GetAsync(id))), Assert.Null);
    }

    [Theory, SqliteBackend]
    public async Task Summary_counts_each_state_with_its_oldest_job(string backend)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
        await using var db = await TestBackend.CreateAsync(backend);
        var store = db.CreateStore(time);
        await FinishAsync(store, 2, fail: 0, cancel: 0);
        time.Advance(TimeSpan.FromHours(1));
        await store.EnqueueAsync(Request());

        var summary = (await ((IJobAdministration)store).SummaryAsync()).ToDictionary(s => s.State);

        Assert.Equal(6, summary.Count);
        Assert.Equal((2L, new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero)), (summary[JobState.Succeeded].Count, summary[JobState.Succeeded].OldestFinishedAt));
        Assert.Equal((1L, new DateTimeOffset(2026, 12, 1, 1, 0, 0, TimeSpan.Zero), (DateTimeOffset?)null),
            (summary[JobState.Queued].Count, summary[JobState.Queued].OldestCreatedAt, summary[JobState.Queued].OldestFinishedAt));
        Assert.Equal((0L, (DateTimeOffset?)null), (summary[JobState.Dead].Count, summary[JobState.Dead].OldestCreatedAt));
    }

    [Fact]
    public void Bad_retention_settings_are_refused_naming_the_key()
    {
        var validator = new Internal.Options.RetentionOptionsValidator();

        var result = validator.Validate(null, new RetentionOptions { SucceededDays = -1, BatchSize = 0 });

        Assert.True(result.Failed);
        Assert.Contains("Queue:Retention:SucceededDays must be between 0 (keep forever) and 36500 days, got -1", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Queue:Retention:BatchSize", result.FailureMessage, StringComparison.Ordinal);
        Assert.True(validator.Validate(null, new RetentionOptions { SucceededDays = 0 }).Succeeded);
    }

    /// <summary>Enqueues and finishes <paramref name="succeed"/> + <paramref name="fail"/> + <paramref name="cancel"/> jobs, in that order.</summary>
    private static async Task<List<string>> FinishAsync(IJobStore store, int succeed, int fail, int cancel)
    {
        var ids = new List<string>();
        for (var i = 0; i < succeed + fail + cancel; i++)
        {
            var id = (await store.EnqueueAsync(Request())).Job.Id;
            ids.Add(id);
            if (i >= succeed + fail)
            {
                await store.CancelAsync(id);
                continue;
            }

            await store.LeaseAsync("w", Lease);
            _ = i < succeed ? await store.CompleteAsync(id, "w", Json("1")) : await store.FailPermanentAsync(id, "w", "bad");
        }

        return ids;
    }
}
