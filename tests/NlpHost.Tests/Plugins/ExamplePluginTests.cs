using System.Text.Json;
using NlpHost.Tests.Infrastructure;

namespace NlpHost.Tests.Plugins;

/// <summary>tests/Fixtures/ExamplePlugin: a plugin written only against the contract and the SDK, loaded by the host.</summary>
public sealed class ExamplePluginTests(FixturePlugins fixtures) : IClassFixture<FixturePlugins>
{
    private const string Text = """{"text":"Dr. Jane Smith of the U.S. said so. Then she left. Ok."}""";

    [Fact]
    public async Task The_example_plugin_runs_in_the_host_with_its_settings_bound_by_the_host()
    {
        var plugins = Install();

        var defaults = await NlpHostProcess.RunAsync(["run", "sentences", "--input", "-", "--Plugins:Path", plugins], standardInput: Text);
        var longer = await NlpHostProcess.RunAsync(["run", "sentences", "--input", "-", "--Plugins:Path", plugins, "--Plugins:sentences:MinWords", "2"], standardInput: Text);

        Assert.True(defaults.ExitCode == 0, defaults.ToString());
        Assert.Equal(["Dr. Jane Smith of the U.S. said so.", "Then she left.", "Ok."], Sentences(defaults));
        Assert.True(longer.ExitCode == 0, longer.ToString());
        Assert.Equal(["Dr. Jane Smith of the U.S. said so.", "Then she left."], Sentences(longer));
    }

    [Fact]
    public async Task A_bad_setting_of_the_example_plugin_exits_5_naming_the_key()
    {
        var result = await NlpHostProcess.RunAsync(["run", "sentences", "--input", "-", "--Plugins:Path", Install(), "--Plugins:sentences:MinWords", "0"], standardInput: Text);

        Assert.True(result.ExitCode == 5, result.ToString());
        Assert.Contains("invalid configuration: Plugins:sentences:MinWords: must be between 1 and 100, got '0'", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_example_evaluator_scores_a_data_set_and_names_a_bad_line()
    {
        var plugins = Install();
        var data = Path.Combine(plugins, "sentences.jsonl");
        await File.WriteAllLinesAsync(data, ["""{"text":"One here. Two there.","sentences":["One here.","Two there."]}""", """{"text":"Mr. Brown left.","sentences":["Mr.","Brown left."]}"""]);
        var bad = Path.Combine(plugins, "bad.jsonl");
        await File.WriteAllLinesAsync(bad, ["""{"text":"One."}"""]);

        var report = Path.Combine(plugins, "report.json");
        var scored = await NlpHostProcess.RunAsync(["eval", "sentences", "--data", data, "--out", report, "--Plugins:Path", plugins]);
        var refused = await NlpHostProcess.RunAsync(["eval", "sentences", "--data", bad, "--Plugins:Path", plugins]);

        Assert.True(scored.ExitCode == 0, scored.ToString());
        using var metrics = JsonDocument.Parse(await File.ReadAllTextAsync(report));
        var segmenter = metrics.RootElement.GetProperty("metrics").GetProperty("segmenter");
        Assert.Equal(2, segmenter.GetProperty("documents").GetDouble());
        Assert.Equal(0.5, segmenter.GetProperty("exact").GetDouble());
        Assert.True(refused.ExitCode == 3, refused.ToString());
        Assert.Contains("bad.jsonl line 1: needs a 'text' and a 'sentences' field", refused.StandardError, StringComparison.Ordinal);
    }

    private string Install()
    {
        var plugins = fixtures.NewPluginsFolder();
        fixtures.Install(plugins, "ExamplePlugin");
        return plugins;
    }

    private static string[] Sentences(NlpHostProcess.Result result) =>
        [.. JsonDocument.Parse(result.StandardOutput).RootElement.GetProperty("sentences").EnumerateArray().Select(e => e.GetString()!)];
}
