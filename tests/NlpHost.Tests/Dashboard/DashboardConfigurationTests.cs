using System.Net;
using NlpHost.Tests.Infrastructure;
using NlpHost.Tests.Queue;

namespace NlpHost.Tests.Dashboard;

/// <summary><c>Dashboard:Path</c> and <c>Dashboard:Enabled</c> on a real <c>nlphost serve</c>.</summary>
[Collection(QueueHosts.Name)]
public sealed class DashboardConfigurationTests(FixturePlugins fixtures)
{
    [Fact]
    public async Task Serve_refuses_a_dashboard_path_inside_the_api()
    {
        await using var queue = QueueDeployment.Sqlite(fixtures);

        var result = await NlpHostProcess.RunAsync(["serve", "--urls", $"http://127.0.0.1:{FreePort.Next()}", .. queue.HostArgs("--Dashboard:Path", "/v1/ui")]);

        Assert.True(result.ExitCode == 5, result.ToString());
        Assert.Contains("Dashboard:Path '/v1/ui' is inside the API", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_dashboard_is_served_at_its_path_and_not_at_all_when_disabled()
    {
        await using var queue = QueueDeployment.Sqlite(fixtures);
        using (var moved = await queue.StartServerAsync(["--Dashboard:Path", "/ui"]))
        {
            using var noRedirect = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = moved.Client.BaseAddress };
            var bare = await noRedirect.GetAsync(new Uri("/ui", UriKind.Relative));
            var page = await moved.Client.GetAsync(new Uri("/ui/", UriKind.Relative));
            var script = await moved.Client.GetAsync(new Uri("/ui/assets/app.js", UriKind.Relative));
            var overview = await moved.GetJsonAsync("ui/api/overview");
            var root = await moved.Client.GetAsync(new Uri("/", UriKind.Relative));

            Assert.Equal((HttpStatusCode.Redirect, "/ui/"), (bare.StatusCode, bare.Headers.Location?.OriginalString));
            Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
            Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
            Assert.True(overview.GetProperty("counts").TryGetProperty("queued", out _), overview.ToString());
            Assert.Equal(HttpStatusCode.NotFound, root.StatusCode);
        }

        using var off = await queue.StartServerAsync(["--Dashboard:Enabled", "false"]);
        Assert.Equal(HttpStatusCode.NotFound, (await off.Client.GetAsync(new Uri("/", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await off.Client.GetAsync(new Uri("/api/session", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await off.Client.GetAsync(new Uri("/v1/tasks", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task The_overview_lists_every_live_worker_host_of_the_queue()
    {
        await using var queue = QueueDeployment.Sqlite(fixtures);
        using var server = await queue.StartServerAsync([]);
        queue.StartWorker("--Worker:WorkerId", "second-host");

        List<System.Text.Json.JsonElement> hosts = [];
        await Poll.UntilAsync(async () =>
        {
            var overview = await server.GetJsonAsync("api/overview");
            hosts = [.. overview.GetProperty("hosts").EnumerateArray()];
            return hosts.Exists(h => h.GetProperty("id").GetString() == "second-host");
        }, TimeSpan.FromSeconds(60), () => server.Process.Output);

        var second = hosts.Single(h => h.GetProperty("id").GetString() == "second-host");
        Assert.False(second.GetProperty("thisHost").GetBoolean());
        Assert.Contains(hosts, h => h.GetProperty("thisHost").GetBoolean());
    }
}
