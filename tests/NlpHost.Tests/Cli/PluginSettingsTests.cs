using NlpHost.Tests.Infrastructure;

namespace NlpHost.Tests.Cli;

/// <summary>Each shipped plugin's settings are bound and validated by the host: a bad number stops the run with exit 5 naming the key.</summary>
public sealed class PluginSettingsTests
{
    [Theory]
    [InlineData("cluster", "EmbeddingChunk", "0", """{"documents":[{"id":"1","text":"One."},{"id":"2","text":"Two."}]}""")]
    [InlineData("qa", "Model:MaxSequenceLength", "8", """{"question":"Why?","context":"Because."}""")]
    [InlineData("spellcheck", "SplitCost", "-1", """{"text":"Teh cat."}""")]
    [InlineData("summarize", "MmrLambda", "2", """{"text":"One. Two."}""")]
    [InlineData("translate", "BeamSize", "99", """{"text":"Hello."}""")]
    public async Task A_bad_numeric_setting_exits_5_naming_the_key(string task, string key, string value, string input)
    {
        var result = await NlpHostProcess.RunAsync(["run", task, "--input", "-", $"--Plugins:{task}:{key}", value], standardInput: input);

        Assert.True(result.ExitCode == 5, result.ToString());
        Assert.Contains($"invalid configuration: Plugins:{task}:{key}: ", result.StandardError, StringComparison.Ordinal);
        Assert.Contains($"got '{value}'", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_setting_that_is_not_a_number_exits_5_naming_the_key_and_the_kind_expected()
    {
        var result = await NlpHostProcess.RunAsync(["run", "summarize", "--input", "-", "--Plugins:summarize:MaxSentences", "many"], standardInput: """{"text":"One. Two."}""");

        Assert.True(result.ExitCode == 5, result.ToString());
        Assert.Contains("Plugins:summarize:MaxSentences: 'many' is not a whole number", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tasks_lists_a_misconfigured_task_with_the_key()
    {
        var result = await NlpHostProcess.RunAsync(["tasks", "--json", "--Plugins:translate:Pairs:en-es:HeadPath", "a", "--Plugins:translate:Pairs:en-es:MarianPath", "b"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Plugins:translate:Pairs:en-es: set HeadPath or MarianPath, not both", result.StandardOutput, StringComparison.Ordinal);
    }
}
