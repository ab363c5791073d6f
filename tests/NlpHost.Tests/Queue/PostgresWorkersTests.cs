using System.Text.Json;
using Npgsql;
using NlpHost.Tests.Infrastructure;

namespace NlpHost.Tests.Queue;

/// <summary>Several <c>nlphost worker</c> processes sharing one PostgreSQL queue.</summary>
[Collection(QueueHosts.Name)]
public sealed class PostgresWorkersTests(FixturePlugins fixtures)
{
    private const int JobCount = 2000;
    private static readonly string[] Workers = ["w1", "w2", "w3"];

    [PostgresFact]
    public async Task Three_workers_run_two_thousand_jobs_each_exactly_once_and_lose_none()
    {
        await using var queue = await QueueDeployment.PostgresAsync(fixtures);
        var hosts = Workers.Select(w => queue.StartWorker("--Worker:WorkerId", w, "--Logging:LogLevel:NlpHost.Queue.Internal.Execution", "Warning")).ToList();
        await Poll.UntilAsync(() => hosts.All(h => h.Output.Contains("started with", StringComparison.Ordinal)), TimeSpan.FromSeconds(60),
            () => string.Join("\n---\n", hosts.Select(h => h.Output)));
        var batch = Path.Combine(queue.LogDirectory, "..", "batch.jsonl");
        await File.WriteAllLinesAsync(batch, Enumerable.Range(0, JobCount).Select(i => $$"""{"marker":"{{Marker(i)}}"}"""));

        var submit = await NlpHostProcess.RunAsync(["submit", "sleep", "--batch", batch, .. queue.HostArgs()]);
        Assert.True(submit.ExitCode == 0, submit.ToString());
        await Poll.UntilAsync(async () => (await CountFinalAsync(queue)) == JobCount, TimeSpan.FromSeconds(150),
            () => string.Join("\n---\n", hosts.Select(h => h.Output)));

        var jobs = await StoredJob.ReadAllAsync(queue);
        Assert.Equal(JobCount, jobs.Count);
        Assert.Equal(Enumerable.Range(0, JobCount).Select(Marker), jobs.Select(j => j.Marker).Order(StringComparer.Ordinal));
        Assert.All(jobs, job => Assert.True(job is { State: "succeeded", Attempts: 1 }, job.ToString()));
        var executions = queue.Executions().ToLookup(e => e.Marker);
        foreach (var job in jobs)
        {
            // Exactly once: one execution started and ended for this marker, and it is the one whose result is stored.
            var recorded = executions[job.Marker].ToList();
            Assert.Equal(2, recorded.Count);
            Assert.All(recorded, e => Assert.Equal(job.Run, e.Run));
            Assert.Equal(job.Marker, job.ResultMarker);
        }

        Assert.Equal(Workers, jobs.Select(j => j.Owner.Split('/')[0]).Distinct().Order(StringComparer.Ordinal));
    }

    private static string Marker(int i) => $"pg-{i:D4}";

    private static async Task<long> CountFinalAsync(QueueDeployment queue)
    {
        await using var connection = new NpgsqlConnection(queue.PostgresConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM jobs WHERE state NOT IN ('queued', 'running')", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
