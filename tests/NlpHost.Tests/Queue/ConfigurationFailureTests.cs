using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NlpHost.Tests.Infrastructure;

namespace NlpHost.Tests.Queue;

/// <summary>A task whose settings are invalid, as the one failure map reports it over HTTP and as a job outcome.</summary>
[Collection(QueueHosts.Name)]
public sealed class ConfigurationFailureTests(FixturePlugins fixtures)
{
    [Fact]
    public async Task A_bad_plugin_setting_fails_a_job_at_once_and_a_synchronous_run_with_503_both_naming_the_key()
    {
        await using var queue = QueueDeployment.Sqlite(fixtures);
        fixtures.Install(queue.PluginsFolder, "ExamplePlugin");
        using var server = await queue.StartServerAsync(["--Plugins:sentences:MinWords", "0"]);

        var id = await server.SubmitAsync(new { task = "sentences", input = new { text = "One. Two." }, maxAttempts = 3 });
        var job = (await server.WaitForFinalAsync([id], TimeSpan.FromSeconds(60)))[id];
        using var run = await server.Client.PostAsJsonAsync(new Uri("v1/tasks/sentences/run", UriKind.Relative), new { input = new { text = "One. Two." } });
        using var problem = JsonDocument.Parse(await run.Content.ReadAsStringAsync());

        Assert.Equal("failed", job.GetProperty("state").GetString());
        Assert.Equal(1, job.GetProperty("attempts").GetInt32());
        Assert.Contains("Plugins:sentences:MinWords: must be between 1 and 100, got '0'", job.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, run.StatusCode);
        Assert.Equal("Plugins:sentences:MinWords", problem.RootElement.GetProperty("field").GetString());
    }
}
