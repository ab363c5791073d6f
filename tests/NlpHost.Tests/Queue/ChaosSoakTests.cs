using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using NlpHost.Tests.Infrastructure;
using Xunit.Abstractions;

namespace NlpHost.Tests.Queue;

/// <summary>
/// Three <c>nlphost worker</c> processes on one PostgreSQL queue, one with its clock ten minutes ahead and one leasing
/// ahead of its free slots (<c>Worker:PrefetchCount</c>, so held-but-not-started jobs are killed too), while a killer
/// SIGKILLs a random running host every two to four seconds (six times) and restarts it. Sized for CI on two cores (300 jobs);
/// <c>bench/queue-soak.sh</c> is the long form.
/// </summary>
[Collection(QueueHosts.Name)]
public sealed class ChaosSoakTests(FixturePlugins fixtures, ITestOutputHelper output)
{
    private const int JobCount = 300;
    private const int MaxKills = 6;
    private const string FakeTimeLibrary = "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1";
    private static readonly string[] ShortLease = ["--Worker:LeaseSeconds", "2", "--Worker:HeartbeatSeconds", "0.5", "--Logging:LogLevel:NlpHost.Queue.Internal.Execution", "Warning"];
    private static readonly string[] Prefetch = ["--Worker:PrefetchCount", "16"];

    [PostgresFact]
    public async Task Every_job_succeeds_exactly_once_while_hosts_are_killed_and_one_runs_ten_minutes_ahead()
    {
        await using var queue = await QueueDeployment.PostgresAsync(fixtures);
        // libfaketime (Debian package 'faketime', installed by .ci/run) shifts the wall clock only: timers run at the real rate.
        var skewed = File.Exists(FakeTimeLibrary)
            ? new Dictionary<string, string> { ["LD_PRELOAD"] = FakeTimeLibrary, ["FAKETIME"] = "+10m", ["FAKETIME_DONT_FAKE_MONOTONIC"] = "1" }
            : null;
        output.WriteLine(skewed is null ? $"{FakeTimeLibrary} missing: host w3 runs on the real clock" : "host w3 runs ten minutes ahead (libfaketime)");
        var hosts = new Dictionary<string, HostProcess>();
        HostProcess Start(string id) => hosts[id] = id == "w3" && skewed is not null
            ? queue.StartWorker(skewed, ["--Worker:WorkerId", id, .. ShortLease])
            : queue.StartWorker(["--Worker:WorkerId", id, .. ShortLease, .. id == "w2" ? Prefetch : []]);
        foreach (var id in new[] { "w1", "w2", "w3" })
        {
            Start(id);
        }

        using var api = await queue.StartServerAsync(["--Api:RunWorker", "false"]);
        var random = new Random(18);
        var jobs = Enumerable.Range(0, JobCount)
            .Select(i => new { task = "sleep", input = new { marker = Marker(i) }, options = new { ms = random.Next(0, 400) } }).ToList();
        using (var submitted = await api.Client.PostAsJsonAsync(new Uri("v1/jobs/batch", UriKind.Relative), new { jobs }))
        {
            Assert.True((int)submitted.StatusCode == 202, await submitted.Content.ReadAsStringAsync());
        }

        // A bounded number of kills, so the run ends on a slow machine too; then the survivors finish the queue.
        var kills = 0;
        var deadline = DateTime.UtcNow.AddMinutes(4);
        while (await CountAsync(queue, "state NOT IN ('queued', 'running')") < JobCount)
        {
            Assert.True(DateTime.UtcNow < deadline, $"not done after 4 minutes, {kills} kills:\n" + string.Join("\n---\n", hosts.Values.Select(h => h.Output)));
            await Task.Delay(random.Next(2000, 4000));
            var running = hosts.Where(h => h.Value.Output.Contains("started with", StringComparison.Ordinal)).Select(h => h.Key).ToList();
            if (kills < MaxKills && running.Count >= 2 && await CountAsync(queue, "state = 'running'") > 0)
            {
                var victim = running[random.Next(running.Count)];
                hosts[victim].KillHard();
                await hosts[victim].WaitForExitAsync(TimeSpan.FromSeconds(10));
                kills++;
                Start(victim);
            }
        }

        var stored = await StoredJob.ReadAllAsync(queue);
        var executions = queue.Executions().ToLookup(e => e.Marker);
        output.WriteLine($"{kills} kills; attempts: {string.Join(", ", stored.GroupBy(j => j.Attempts).OrderBy(g => g.Key).Select(g => $"{g.Count()} × {g.Key}"))}");
        Assert.True(kills >= 3, $"only {kills} kills: the soak ended before it tested anything");
        Assert.Equal(Enumerable.Range(0, JobCount).Select(Marker), stored.Select(j => j.Marker).Order(StringComparer.Ordinal));
        foreach (var job in stored)
        {
            Assert.True(job.State == "succeeded", job.ToString());
            // One stored result, from an execution that ran to its end; every execution was a counted attempt.
            Assert.Equal(job.Marker, job.ResultMarker);
            Assert.Contains(executions[job.Marker], e => e.Event == "end" && e.Run == job.Run);
            Assert.InRange(executions[job.Marker].Count(e => e.Event == "start"), 1, job.Attempts);
        }

        Assert.Contains(stored, job => job.Attempts > 1);
        if (skewed is not null)
        {
            var started = await WorkerStartsAsync(queue);
            Assert.InRange(started["w3"] - started["w1"], TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(11));
            Assert.Contains(stored, job => job.Owner.StartsWith("w3/", StringComparison.Ordinal));
        }
    }

    private static string Marker(int i) => $"soak-{i:D4}";

    private static async Task<long> CountAsync(QueueDeployment queue, string where)
    {
        await using var connection = new NpgsqlConnection(queue.PostgresConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM jobs WHERE {where}", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    // Each worker reports when it started on its own clock; the skewed one's is ten minutes later.
    private static async Task<Dictionary<string, DateTimeOffset>> WorkerStartsAsync(QueueDeployment queue)
    {
        await using var connection = new NpgsqlConnection(queue.PostgresConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT worker_id, started_at FROM workers", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var starts = new Dictionary<string, DateTimeOffset>();
        while (await reader.ReadAsync())
        {
            starts[reader.GetString(0)] = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1));
        }

        return starts;
    }
}
