using System.Net;
using System.Text;
using NlpHost.Tests.Infrastructure;
using NlpHost.Tests.Queue;

namespace NlpHost.Tests.Hardening;

/// <summary>Every refused request is an RFC 7807 problem naming the field (JSON path) or the limit and its key.</summary>
[Collection(QueueHosts.Name)]
public sealed class RequestErrorTests(FixturePlugins fixtures)
{
    [Fact]
    public async Task Malformed_and_mistyped_requests_get_problems_naming_the_field_and_no_dotnet_types()
    {
        await using var queue = QueueDeployment.Sqlite(fixtures);
        using var server = await queue.StartServerAsync(["--Api:MaxRequestBytes", "4096", "--Limits:sleep:MaxWordChars", "50"]);
        var client = server.Client;

        (string Body, string Field)[] cases =
        [
            ("{\"task\":", "body"),
            ("[]", "body"),
            ("{\"task\":5,\"input\":{}}", "task"),
            ("{\"task\":\"sleep\",\"input\":{\"marker\":\"a\"},\"priority\":\"high\"}", "priority"),
            ("{\"task\":\"sleep\",\"input\":{\"marker\":\"a\"},\"priority\":1e9}", "priority"),
            ("{\"task\":\"sleep\",\"input\":{\"marker\":\"a\"},\"options\":{\"ms\":1e9}}", "options.ms"),
            ("{\"task\":\"sleep\",\"input\":{\"marker\":\"a\"},\"options\":{\"ms\":\"NaN\"}}", "options.ms"),
            ("{\"task\":\"sleep\",\"input\":{\"marker\":5}}", "input.marker"),
            ("{\"task\":\"sleep\",\"input\":{\"marker\":\"a\",\"extra\":1}}", "input.extra"),
            ("{\"task\":\"sleep\",\"input\":{\"marker\":\"a\"},\"colour\":1}", "colour"),
            ("{\"task\":\"sleep\",\"input\":{\"marker\":\"" + new string('w', 60) + "\"}}", "input.marker"),
            (new string('[', 1500) + new string(']', 1500), "body"),
            ("", "body"),
        ];
        foreach (var (body, field) in cases)
        {
            var answer = await Http.PostAsync(client, "v1/jobs", body);
            Assert.True(answer.Code == 400, $"{body[..Math.Min(body.Length, 80)]} -> {answer}");
            Http.AssertNamedProblem(answer, field);
        }

        var limited = await Http.PostAsync(client, "v1/jobs", "{\"task\":\"sleep\",\"input\":{\"marker\":\"" + new string('w', 60) + "\"}}");
        Assert.Contains("Limits:sleep:MaxWordChars", limited.Text, StringComparison.Ordinal);

        var random = new byte[512];
        new Random(15).NextBytes(random);
        var bytes = await Http.SendAsync(client, HttpMethod.Post, "v1/jobs", random);
        Assert.Equal(400, bytes.Code);
        Http.AssertNamedProblem(bytes, "body");

        var large = await Http.PostAsync(client, "v1/jobs", "{\"task\":\"sleep\",\"input\":{\"marker\":\"" + new string('x', 8000) + "\"}}");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large.Status);
        Http.AssertNamedProblem(large, "Api:MaxRequestBytes");

        // curl -d sends a form content type; JSON endpoints read the body as JSON whatever the header says.
        var form = await Http.PostAsync(client, "v1/jobs", "{\"task\":\"sleep\",\"input\":{\"marker\":\"form\"}}", "application/x-www-form-urlencoded");
        Assert.True(form.Code == 202, form.ToString());

        var badState = await Http.SendAsync(client, HttpMethod.Get, "v1/jobs?state=lost&offset=-1");
        Http.AssertNamedProblem(badState, "state");
        var badOffset = await Http.SendAsync(client, HttpMethod.Get, "v1/jobs?offset=abc");
        Http.AssertNamedProblem(badOffset, "offset");
        Http.AssertNamedProblem(await Http.SendAsync(client, HttpMethod.Get, "v1/jobs/nope"), "id");
        Http.AssertNamedProblem(await Http.PostAsync(client, "v1/tasks/nope/run", "{}"), "task");
        Http.AssertNamedProblem(await Http.PostAsync(client, "v1/tasks/sleep/run", "{\"input\":[]}"), "input");
    }

    [Fact]
    public async Task Task_names_in_any_case_run_and_a_job_no_live_host_serves_says_so()
    {
        await using var queue = QueueDeployment.Sqlite(fixtures);
        // This host's worker does not serve noop; a CLI with the whole plugin set queues one anyway.
        using var server = await queue.StartServerAsync(["--Plugins:Disabled:0", "noop"]);
        var upper = await server.SubmitAsync(new { task = "SLEEP", input = new { marker = "upper" } });
        var cli = await NlpHostProcess.RunAsync(["submit", "Sleep", "--input", "-", .. queue.HostArgs()], standardInput: """{"marker":"cli"}""");
        Assert.True(cli.ExitCode == 0, cli.ToString());
        var cliId = System.Text.Json.JsonDocument.Parse(cli.StandardOutput).RootElement.GetProperty("id").GetString()!;
        var unserved = await NlpHostProcess.RunAsync(["submit", "noop", "--input", "-", .. queue.HostArgs()], standardInput: """{"marker":"lonely"}""");
        Assert.True(unserved.ExitCode == 0, unserved.ToString());
        var lonely = System.Text.Json.JsonDocument.Parse(unserved.StandardOutput).RootElement.GetProperty("id").GetString()!;

        var done = await server.WaitForFinalAsync([upper, cliId], TimeSpan.FromSeconds(60));
        Assert.All(done.Values, job => Assert.Equal("succeeded", job.GetProperty("state").GetString()));
        Assert.All(done.Values, job => Assert.Equal("sleep", job.GetProperty("task").GetString()));

        var waiting = await server.GetJobAsync(lonely);
        Assert.Equal("queued", waiting.GetProperty("state").GetString());
        Assert.Contains("no live host serves task 'noop'", waiting.GetProperty("warning").GetString(), StringComparison.Ordinal);
        // The worker samples every 10 s; generous bound for a loaded machine.
        var scraped = "";
        await Poll.UntilAsync(async () =>
        {
            scraped = await server.Client.GetStringAsync(new Uri("metrics", UriKind.Relative));
            return scraped.Split('\n').Any(l => l.StartsWith("nlphost_queue_unserved", StringComparison.Ordinal) && l.Contains("task=\"noop\"", StringComparison.Ordinal) && l.EndsWith(" 1", StringComparison.Ordinal));
        }, TimeSpan.FromSeconds(40), () => "no nlphost_queue_unserved for noop:\n" + string.Join('\n', scraped.Split('\n').Where(l => l.Contains("unserved", StringComparison.Ordinal))));

        var all = (await server.GetJsonAsync("v1/jobs")).EnumerateArray().Select(j => j.GetProperty("id").GetString()).ToList();
        Assert.Equal([lonely, cliId, upper], all);
        var page = (await server.GetJsonAsync("v1/jobs?offset=1&limit=1")).EnumerateArray().Select(j => j.GetProperty("id").GetString()).ToList();
        Assert.Equal([cliId], page);
    }

    [Fact]
    public async Task Jobs_past_their_time_limit_fail_once_and_the_synchronous_run_answers_on_time()
    {
        await using var queue = QueueDeployment.Sqlite(fixtures);
        using var server = await queue.StartServerAsync(["--Plugins:sleep:TimeoutSeconds", "1", "--Api:RunTimeoutSeconds", "1"]);
        var slow = await server.SubmitAsync(new { task = "sleep", input = new { marker = "slow" }, options = new { ms = 120_000 } });
        var failed = (await server.WaitForFinalAsync([slow], TimeSpan.FromSeconds(60)))[slow];
        Assert.Equal("failed", failed.GetProperty("state").GetString());
        Assert.Equal(1, failed.GetProperty("attempts").GetInt32());
        Assert.Contains("Plugins:sleep:TimeoutSeconds", failed.GetProperty("error").GetString(), StringComparison.Ordinal);

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var run = await Http.PostAsync(server.Client, "v1/tasks/sleep/run", """{"input":{"marker":"sync"},"options":{"ms":120000}}""");
        Assert.Equal(503, run.Code);
        Http.AssertNamedProblem(run, "Api:RunTimeoutSeconds");
        // Generous: the limit is 1 s; anything near the 120 s sleep would mean no timeout.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task Health_is_open_by_default_metrics_need_the_key_and_openapi_matches_the_api()
    {
        const string key = "hardening-key-123456";
        await using var queue = QueueDeployment.Sqlite(fixtures);
        using var server = await queue.StartServerAsync(["--Api:Keys", key], key);
        using var anonymous = new HttpClient { BaseAddress = server.Client.BaseAddress };
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(new Uri("health/live", UriKind.Relative))).StatusCode);
        using (var ready = await anonymous.GetAsync(new Uri("health/ready", UriKind.Relative)))
        {
            var body = await ready.Content.ReadAsStringAsync();
            Assert.True(ready.StatusCode == HttpStatusCode.OK, body);
            Assert.Contains("\"backbone\"", body, StringComparison.Ordinal);
        }

        var metrics = await Http.SendAsync(anonymous, HttpMethod.Get, "metrics");
        Assert.Equal(401, metrics.Code);
        Http.AssertNamedProblem(metrics, "X-Api-Key");

        var document = await server.GetJsonAsync("openapi/v1.json");
        OpenApiChecks.AssertMatchesApi(document);
    }
}
