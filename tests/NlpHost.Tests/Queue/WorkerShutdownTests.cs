using System.Text.Json;
using NlpHost.Tests.Infrastructure;

namespace NlpHost.Tests.Queue;

/// <summary>SIGTERM to a <c>nlphost worker</c> with jobs in flight: nothing is lost.</summary>
[Collection(QueueHosts.Name)]
public sealed class WorkerShutdownTests(FixturePlugins fixtures)
{
    private static readonly string[] Worker = ["--Worker:Concurrency", "2", "--Worker:ShutdownGraceSeconds", "2"];

    [Fact]
    public async Task Sigterm_finishes_or_requeues_every_job_in_flight_and_a_restart_completes_the_rest()
    {
        await using var queue = QueueDeployment.Sqlite(fixtures);
        using var api = await queue.StartServerAsync(["--Api:RunWorker", "false"]);
        // Higher priority runs first: the two slots take 'quick' (done within the grace period) and 'slow' (not).
        var quick = await api.SubmitAsync(new { task = "sleep", input = new { marker = "quick" }, options = new { ms = 1000 }, priority = 10 });
        var slow = await api.SubmitAsync(new { task = "sleep", input = new { marker = "slow" }, options = new { ms = 8000 }, priority = 10 });
        List<string> ids = [quick, slow];
        for (var i = 0; i < 4; i++)
        {
            ids.Add(await api.SubmitAsync(new { task = "sleep", input = new { marker = $"later-{i}" }, options = new { ms = 100 } }));
        }

        var first = queue.StartWorker(Worker);
        await Poll.UntilAsync(() => queue.Executions().Select(e => e.Marker).Distinct().Count() >= 2, TimeSpan.FromSeconds(60), () => first.Output);
        first.Terminate();

        Assert.Equal(0, await first.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        var stopped = new Dictionary<string, JsonElement>();
        foreach (var id in ids)
        {
            stopped[id] = await api.GetJobAsync(id);
        }

        Assert.All(stopped.Values, job => Assert.Contains(job.GetProperty("state").GetString(), new[] { "succeeded", "queued" }));
        Assert.Equal("succeeded", stopped[quick].GetProperty("state").GetString());
        Assert.Equal("queued", stopped[slow].GetProperty("state").GetString());
        Assert.Equal(0, stopped[slow].GetProperty("attempts").GetInt32());

        var second = queue.StartWorker(Worker);
        var jobs = await api.WaitForFinalAsync(ids, TimeSpan.FromSeconds(60));

        Assert.All(jobs.Values, job => Assert.True(job.GetProperty("state").GetString() == "succeeded", job + "\n" + second.Output));
        var ends = queue.Executions().Where(e => e.Event == "end").ToLookup(e => e.Marker, e => e.Run);
        foreach (var id in ids)
        {
            var result = await api.GetJsonAsync($"v1/jobs/{id}/result");
            Assert.Equal([result.GetProperty("run").GetString()!], ends[result.GetProperty("marker").GetString()!]);
        }

        Assert.Equal(2, queue.Executions().Count(e => e.Marker == "slow" && e.Event == "start"));
    }
}
