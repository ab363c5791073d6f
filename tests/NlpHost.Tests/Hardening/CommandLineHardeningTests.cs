using System.Text.Json;
using NlpHost.Tests.Infrastructure;

namespace NlpHost.Tests.Hardening;

public sealed class CommandLineHardeningTests(FixturePlugins fixtures) : IClassFixture<FixturePlugins>
{
    [Fact]
    public async Task Options_from_a_file_with_at_work()
    {
        var plugins = fixtures.NewPluginsFolder();
        fixtures.Install(plugins, "EchoPlugin");
        var options = Path.Combine(plugins, "options.json");
        await File.WriteAllTextAsync(options, """{"upper":true}""");

        var result = await NlpHostProcess.RunAsync(["run", "ECHO", "--input", "-", "--options", "@" + options, "--Plugins:Path", plugins], standardInput: """{"text":"from a file"}""");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("FROM A FILE", JsonDocument.Parse(result.StandardOutput).RootElement.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Two_plugins_claiming_one_task_are_both_refused_until_one_is_disabled()
    {
        var plugins = fixtures.NewPluginsFolder();
        var original = fixtures.Install(plugins, "EchoPlugin");
        var copy = Directory.CreateDirectory(Path.Combine(plugins, "EchoCopy")).FullName;
        foreach (var file in Directory.EnumerateFiles(original))
        {
            var name = Path.GetFileName(file) == "EchoPlugin.dll" ? "EchoCopy.dll" : Path.GetFileName(file);
            File.Copy(file, Path.Combine(copy, name));
        }

        var both = await NlpHostProcess.RunAsync(["tasks", "--json", "--Plugins:Path", plugins]);
        var rows = JsonDocument.Parse(both.StandardOutput).RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("plugin").GetString()!);
        Assert.Equal("failed", rows["EchoPlugin"].GetProperty("state").GetString());
        Assert.Equal("failed", rows["EchoCopy"].GetProperty("state").GetString());
        Assert.Contains("'EchoCopy'", rows["EchoPlugin"].GetProperty("error").GetString(), StringComparison.Ordinal);
        var run = await NlpHostProcess.RunAsync(["run", "echo", "--input", "-", "--Plugins:Path", plugins], standardInput: """{"text":"x"}""");
        Assert.Equal(4, run.ExitCode);

        var one = await NlpHostProcess.RunAsync(["run", "echo", "--input", "-", "--Plugins:Path", plugins, "--Plugins:Disabled:0", "EchoCopy"], standardInput: """{"text":"x"}""");
        Assert.True(one.ExitCode == 0, one.ToString());
    }

    [Theory]
    [InlineData("--Worker:LeaseSeconds", "NaN", "Worker:LeaseSeconds")]
    [InlineData("--Plugins:summarize:MmrLambda", "Infinity", "Plugins:summarize:MmrLambda")]
    [InlineData("--Limits:echo:MaxWordChars", "-3", "Limits:echo:MaxWordChars")]
    [InlineData("--Plugins:echo:TimeoutSeconds", "NaN", "Plugins:echo:TimeoutSeconds")]
    public async Task Non_finite_or_invalid_settings_stop_the_start_naming_the_key(string key, string value, string named)
    {
        var plugins = fixtures.NewPluginsFolder();
        fixtures.Install(plugins, "EchoPlugin");

        var result = await NlpHostProcess.RunAsync(["run", "echo", "--input", "-", "--Plugins:Path", plugins, key, value], standardInput: """{"text":"x"}""");

        Assert.True(result.ExitCode == 5, result.ToString());
        Assert.Contains(named, result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unexpected_failures_print_one_line_without_a_stack_trace_or_type_names()
    {
        var plugins = fixtures.NewPluginsFolder();
        fixtures.Install(plugins, "EchoPlugin");

        var result = await NlpHostProcess.RunAsync(["run", "echo", "--input", "-", "--Plugins:Path", plugins], standardInput: """{"text":5}""");

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains("input.text", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shipped_models_are_found_when_running_outside_the_repository_root()
    {
        var elsewhere = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "nlphost-elsewhere-" + Guid.NewGuid().ToString("N"))).FullName;
        try
        {
            var result = await NlpHostProcess.RunAsync(
                ["run", "spellcheck", "--input", Path.Combine(BuildLayout.RepoRoot, "samples", "spellcheck.json"), "--Backbone:ExecutionProvider", "cpu"],
                workingDirectory: elsewhere);

            Assert.True(result.ExitCode == 0, result.ToString());
        }
        finally
        {
            Directory.Delete(elsewhere, recursive: true);
        }
    }
}
