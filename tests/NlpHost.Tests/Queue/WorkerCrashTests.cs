using NlpHost.Tests.Infrastructure;

namespace NlpHost.Tests.Queue;

/// <summary>A <c>nlphost worker</c> killed with SIGKILL mid-job: the lease expires and the job is run again, once.</summary>
[Collection(QueueHosts.Name)]
public sealed class WorkerCrashTests(FixturePlugins fixtures)
{
    private static readonly string[] ShortLease = ["--Worker:Concurrency", "1", "--Worker:LeaseSeconds", "2", "--Worker:HeartbeatSeconds", "0.5"];

    [Fact]
    public async Task Job_of_a_killed_worker_completes_after_a_restart_with_exactly_one_result_from_a_complete_run()
    {
        await using var queue = QueueDeployment.Sqlite(fixtures);
        using var api = await queue.StartServerAsync(["--Api:RunWorker", "false"]);
        var id = await api.SubmitAsync(new { task = "sleep", input = new { marker = "crash" }, options = new { ms = 3000 } });
        var first = queue.StartWorker(ShortLease);
        await Poll.UntilAsync(() => queue.Executions().Any(), TimeSpan.FromSeconds(60), () => "the job never started:\n" + first.Output);

        first.KillHard();
        await first.WaitForExitAsync(TimeSpan.FromSeconds(10));
        var killed = Assert.Single(queue.Executions());
        Assert.Equal("start", killed.Event);
        Assert.Equal("running", (await api.GetJobAsync(id)).GetProperty("state").GetString());

        var second = queue.StartWorker(ShortLease);
        var job = (await api.WaitForFinalAsync([id], TimeSpan.FromSeconds(60)))[id];

        Assert.True(job.GetProperty("state").GetString() == "succeeded", job + "\n" + second.Output);
        Assert.Equal(2, job.GetProperty("attempts").GetInt32());
        var result = await api.GetJsonAsync($"v1/jobs/{id}/result");
        var run = result.GetProperty("run").GetString();
        var executions = queue.Executions();
        Assert.Equal(2, executions.Count(e => e.Event == "start"));
        var completed = Assert.Single(executions, e => e.Event == "end");
        Assert.Equal(run, completed.Run);
        Assert.NotEqual(killed.Run, run);
        var succeeded = (await api.GetJsonAsync("v1/jobs?state=succeeded")).EnumerateArray().Select(j => j.GetProperty("id").GetString());
        Assert.Equal([id], succeeded);
    }
}
