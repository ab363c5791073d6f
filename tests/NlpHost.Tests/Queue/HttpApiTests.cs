using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NlpHost.Tests.Infrastructure;

namespace NlpHost.Tests.Queue;

/// <summary>The HTTP API of <c>nlphost serve</c>: validation, limits, API keys, cancellation, health, metrics, OpenAPI.</summary>
[Collection(QueueHosts.Name)]
public sealed class HttpApiTests(FixturePlugins fixtures)
{
    private const string Key = "test-key-0123456789";

    [Fact]
    public async Task Api_validates_limits_authenticates_cancels_and_reports_health_metrics_and_openapi()
    {
        await using var queue = QueueDeployment.Sqlite(fixtures);
        using var server = await queue.StartServerAsync(["--Api:Keys", $"another-key, {Key}", "--Api:MaxRequestBytes", "1024", "--Worker:Concurrency", "1"], Key);
        var client = server.Client;

        using (var anonymous = new HttpClient { BaseAddress = client.BaseAddress })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(anonymous, new { task = "sleep", input = new { marker = "a" } })).Status);
            anonymous.DefaultRequestHeaders.Add("X-Api-Key", "wrong-key");
            Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(anonymous, new { task = "sleep", input = new { marker = "a" } })).Status);
        }

        var missingInput = await PostAsync(client, new { task = "sleep" });
        Assert.Equal(HttpStatusCode.BadRequest, missingInput.Status);
        Assert.True(missingInput.Body.GetProperty("errors").TryGetProperty("input", out _), missingInput.Body.ToString());

        // The task's own validation runs at submission: the job is refused, not failed later by a worker.
        var badInput = await PostAsync(client, new { task = "sleep", input = new { } });
        Assert.Equal(HttpStatusCode.BadRequest, badInput.Status);
        Assert.True(badInput.Body.GetProperty("errors").TryGetProperty("input.marker", out _), badInput.Body.ToString());

        var unknownTask = await PostAsync(client, new { task = "no-such-task", input = new { } });
        Assert.Equal(HttpStatusCode.NotFound, unknownTask.Status);
        Assert.Equal("task", unknownTask.Body.GetProperty("field").GetString());

        var keyed = new { task = "sleep", input = new { marker = "keyed" }, idempotencyKey = "order-17" };
        var first = await PostAsync(client, keyed);
        var again = await PostAsync(client, keyed);
        var reused = await PostAsync(client, new { task = "sleep", input = new { marker = "other" }, idempotencyKey = "order-17" });
        Assert.Equal(HttpStatusCode.Accepted, again.Status);
        Assert.False(again.Body.GetProperty("created").GetBoolean());
        Assert.Equal(first.Body.GetProperty("id").GetString(), again.Body.GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.Conflict, reused.Status);
        Assert.Equal("idempotencyKey", reused.Body.GetProperty("field").GetString());

        var oversized = await PostAsync(client, new { task = "sleep", input = new { marker = new string('x', 4096) } });
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, oversized.Status);

        // One slot: the blocker runs, the next job stays queued until cancelled.
        var blocker = await server.SubmitAsync(new { task = "sleep", input = new { marker = "blocker" }, options = new { ms = 60_000 } });
        await Poll.UntilAsync(async () => (await server.GetJobAsync(blocker)).GetProperty("state").GetString() == "running", TimeSpan.FromSeconds(30), () => server.Process.Output);
        var waiting = await server.SubmitAsync(new { task = "sleep", input = new { marker = "waiting" } });
        Assert.Equal("queued", (await server.GetJobAsync(waiting)).GetProperty("state").GetString());

        using (var cancel = await client.PostAsync(new Uri($"v1/jobs/{waiting}/cancel", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        }

        Assert.Equal("cancelled", (await server.GetJobAsync(waiting)).GetProperty("state").GetString());
        using (var cancelRunning = await client.PostAsync(new Uri($"v1/jobs/{blocker}/cancel", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.Accepted, cancelRunning.StatusCode);
        }

        var stopped = (await server.WaitForFinalAsync([blocker], TimeSpan.FromSeconds(30)))[blocker];
        Assert.Equal("cancelled", stopped.GetProperty("state").GetString());
        Assert.DoesNotContain(queue.Executions(), e => e.Marker == "waiting");

        using (var ready = await client.GetAsync(new Uri("health/ready", UriKind.Relative)))
        {
            Assert.True(ready.StatusCode == HttpStatusCode.OK, await ready.Content.ReadAsStringAsync());
        }

        Assert.Contains("nlphost_queue_depth", await client.GetStringAsync(new Uri("metrics", UriKind.Relative)), StringComparison.Ordinal);
        var openApi = await server.GetJsonAsync("openapi/v1.json");
        Assert.True(openApi.GetProperty("paths").TryGetProperty("/v1/jobs", out _), openApi.GetProperty("paths").ToString());
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(HttpClient client, object job)
    {
        using var response = await client.PostAsJsonAsync(new Uri("v1/jobs", UriKind.Relative), job);
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length > 0 && text.TrimStart().StartsWith('{') ? JsonDocument.Parse(text).RootElement.Clone() : default;
        return (response.StatusCode, body);
    }
}
