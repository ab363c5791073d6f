using NlpHost.Tests.Infrastructure;

namespace NlpHost.Tests.Queue;

/// <summary><c>nlphost serve</c> on the embedded SQLite queue, with its built-in worker.</summary>
[Collection(QueueHosts.Name)]
public sealed class SqliteServeTests(FixturePlugins fixtures)
{
    private const int JobCount = 1000;

    [Fact]
    public async Task Thousand_jobs_submitted_over_http_all_succeed_and_every_result_is_retrievable()
    {
        await using var queue = QueueDeployment.Sqlite(fixtures);
        using var server = await queue.StartServerAsync(["--Worker:Concurrency", "4", "--Logging:LogLevel:NlpHost.Queue.Internal.Execution", "Warning"]);
        var ids = new string[JobCount];

        await Parallel.ForEachAsync(Enumerable.Range(0, JobCount), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
            ids[i] = await server.SubmitAsync(new { task = "sleep", input = new { marker = Marker(i) } }));
        var jobs = await server.WaitForFinalAsync(ids, TimeSpan.FromSeconds(120));

        Assert.Equal(JobCount, ids.Distinct().Count());
        Assert.All(jobs.Values, job => Assert.Equal("succeeded", job.GetProperty("state").GetString()));
        var ends = queue.Executions().Where(e => e.Event == "end").ToLookup(e => e.Marker, e => e.Run);
        for (var i = 0; i < JobCount; i++)
        {
            var result = await server.GetJsonAsync($"v1/jobs/{ids[i]}/result");
            Assert.Equal(Marker(i), result.GetProperty("marker").GetString());
            Assert.Equal([result.GetProperty("run").GetString()!], ends[Marker(i)]);
        }
    }

    [Fact]
    public async Task Workers_endpoint_lists_the_live_hosts_with_their_version_slots_and_tasks()
    {
        await using var queue = QueueDeployment.Sqlite(fixtures);
        using var server = await queue.StartServerAsync(["--Worker:WorkerId", "api-host", "--Worker:Concurrency", "3"]);
        var worker = queue.StartWorker("--Worker:WorkerId", "second-host");
        System.Text.Json.JsonElement workers = default;

        await Poll.UntilAsync(async () => (workers = await server.GetJsonAsync("v1/workers")).GetArrayLength() == 2, TimeSpan.FromSeconds(60),
            () => workers + "\n" + worker.Output);

        var api = workers.EnumerateArray().Single(w => w.GetProperty("id").GetString() == "api-host");
        Assert.Equal(3, api.GetProperty("slots").GetInt32());
        Assert.False(string.IsNullOrEmpty(api.GetProperty("version").GetString()));
        Assert.Contains("sleep", api.GetProperty("tasks").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(2, workers.EnumerateArray().Single(w => w.GetProperty("id").GetString() == "second-host").GetProperty("slots").GetInt32());
    }

    private static string Marker(int i) => $"job-{i:D4}";
}
