using NlpHost.Tests.Infrastructure;

namespace NlpHost.Tests.Queue;

/// <summary>Transient faults are retried with backoff until the job is dead; bad input fails at once; others are unaffected.</summary>
[Collection(QueueHosts.Name)]
public sealed class FailureHandlingTests(FixturePlugins fixtures)
{
    private const int MaxAttempts = 4;
    private const double BackoffBaseSeconds = 0.4;

    [Fact]
    public async Task Transient_faults_go_dead_after_the_attempt_limit_and_bad_input_fails_first_time_while_other_jobs_succeed()
    {
        await using var queue = QueueDeployment.Sqlite(fixtures);
        using var server = await queue.StartServerAsync(["--Worker:BackoffBaseSeconds", BackoffBaseSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)]);

        var transient = await server.SubmitAsync(new { task = "transient", input = new { marker = "flaky" }, maxAttempts = MaxAttempts });
        var badInput = await server.SubmitAsync(new { task = "sleep", input = new { marker = "bad" }, options = new { rejectWhenRunning = true } });
        var others = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            others.Add(await server.SubmitAsync(new { task = "sleep", input = new { marker = $"ok-{i}" }, options = new { ms = 50 } }));
        }

        var jobs = await server.WaitForFinalAsync([transient, badInput, .. others], TimeSpan.FromSeconds(60));

        var dead = jobs[transient];
        Assert.Equal("dead", dead.GetProperty("state").GetString());
        Assert.Equal(MaxAttempts, dead.GetProperty("attempts").GetInt32());
        Assert.Contains("probe 'flaky' failed on purpose", dead.GetProperty("error").GetString(), StringComparison.Ordinal);
        var attempts = queue.Executions().Where(e => e.Marker == "flaky").Select(e => e.At).ToList();
        Assert.Equal(MaxAttempts, attempts.Count);
        // Exponential backoff with jitter (Polly's decorrelated jitter): the delays before retries 1..3 add up to at
        // least 2.84 × base whatever the jitter draws; without backoff the retries would follow each other at once.
        Assert.True(attempts[^1] - attempts[0] >= TimeSpan.FromSeconds(2.5 * BackoffBaseSeconds), $"attempts at {string.Join(", ", attempts.Select(a => a.ToString("HH:mm:ss.fff", null)))}");

        var failed = jobs[badInput];
        Assert.Equal("failed", failed.GetProperty("state").GetString());
        Assert.Equal(1, failed.GetProperty("attempts").GetInt32());
        Assert.Contains("input.marker: 'bad' rejected while running", failed.GetProperty("error").GetString(), StringComparison.Ordinal);

        Assert.All(others, id => Assert.Equal("succeeded", jobs[id].GetProperty("state").GetString()));
        Assert.All(others, id => Assert.Equal(1, jobs[id].GetProperty("attempts").GetInt32()));
    }
}
