using System.Text.Json;
using NlpHost.Tests.Infrastructure;

namespace NlpHost.Tests.Plugins;

public sealed class PluginDiscoveryTests(FixturePlugins fixtures) : IClassFixture<FixturePlugins>
{
    [Fact]
    public async Task Plugin_built_outside_the_solution_runs_without_rebuilding_the_host()
    {
        var plugins = fixtures.NewPluginsFolder();
        fixtures.Install(plugins, "EchoPlugin");

        var result = await NlpHostProcess.RunAsync(
            ["run", "echo", "--input", "-", "--options", """{"upper":true}""", "--Plugins:Path", plugins],
            standardInput: """{"text":"héllo plugin"}""");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var output = JsonDocument.Parse(result.StandardOutput);
        Assert.Equal("HÉLLO PLUGIN", output.RootElement.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Broken_plugins_are_skipped_with_their_reason_and_the_others_still_served()
    {
        var plugins = fixtures.NewPluginsFolder();
        fixtures.Install(plugins, "EchoPlugin");
        fixtures.Install(plugins, "ThrowingPlugin");
        fixtures.Install(plugins, "FutureContractPlugin");
        var missing = fixtures.Install(plugins, "MissingDependencyPlugin");
        File.Delete(Path.Combine(missing, "MissingDependencyLibrary.dll"));
        Directory.CreateDirectory(Path.Combine(plugins, "NotDotNet"));
        await File.WriteAllTextAsync(Path.Combine(plugins, "NotDotNet", "NotDotNet.dll"), "this is not a PE file");
        Directory.CreateDirectory(Path.Combine(plugins, "EmptyFolder"));

        var tasks = await NlpHostProcess.RunAsync(["tasks", "--json", "--Plugins:Path", plugins]);

        Assert.True(tasks.ExitCode == 0, tasks.ToString());
        var rows = JsonDocument.Parse(tasks.StandardOutput).RootElement.EnumerateArray()
            .ToDictionary(r => r.GetProperty("plugin").GetString()!);
        Assert.Equal("loaded", rows["EchoPlugin"].GetProperty("state").GetString());
        AssertFailed(rows["ThrowingPlugin"], "threw while registering", "registration exploded on purpose");
        AssertFailed(rows["FutureContractPlugin"], "contract 99.0", "Rebuild the plugin");
        AssertFailed(rows["MissingDependencyPlugin"], "missing dependency 'MissingDependencyLibrary'");
        AssertFailed(rows["NotDotNet"], "not a .NET assembly");
        AssertFailed(rows["EmptyFolder"], "no 'EmptyFolder.dll'");

        var run = await NlpHostProcess.RunAsync(["run", "echo", "--input", "-", "--Plugins:Path", plugins], standardInput: """{"text":"still here"}""");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("still here", run.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disabled_plugins_are_not_served()
    {
        var plugins = fixtures.NewPluginsFolder();
        fixtures.Install(plugins, "EchoPlugin");

        var run = await NlpHostProcess.RunAsync(
            ["run", "echo", "--input", "-", "--Plugins:Path", plugins, "--Plugins:Disabled:0", "echo"], standardInput: """{"text":"x"}""");

        Assert.Equal(4, run.ExitCode);
        Assert.Contains("unknown task 'echo'", run.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plugin_settings_come_from_the_command_line_and_the_environment()
    {
        var plugins = fixtures.NewPluginsFolder();
        fixtures.Install(plugins, "EchoPlugin");

        var fromArgs = await NlpHostProcess.RunAsync(
            ["run", "echo", "--input", "-", "--Plugins:Path", plugins, "--Plugins:echo:Greeting=from-args"], standardInput: """{"text":"x"}""");
        var fromEnv = await NlpHostProcess.RunAsync(
            ["run", "echo", "--input", "-"], standardInput: """{"text":"x"}""",
            environment: new Dictionary<string, string> { ["NLPHOST_Plugins__Path"] = plugins, ["NLPHOST_Plugins__echo__Greeting"] = "from-env" });

        Assert.Equal("from-args", JsonDocument.Parse(fromArgs.StandardOutput).RootElement.GetProperty("greeting").GetString());
        Assert.Equal("from-env", JsonDocument.Parse(fromEnv.StandardOutput).RootElement.GetProperty("greeting").GetString());
    }

    private static void AssertFailed(JsonElement row, params string[] reasons)
    {
        Assert.Equal("failed", row.GetProperty("state").GetString());
        var error = row.GetProperty("error").GetString()!;
        foreach (var reason in reasons)
        {
            Assert.Contains(reason, error, StringComparison.Ordinal);
        }
    }
}
