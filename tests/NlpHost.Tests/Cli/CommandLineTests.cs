using System.Text.Json;
using NlpHost.Tests.Infrastructure;

namespace NlpHost.Tests.Cli;

public sealed class CommandLineTests
{
    [Fact]
    public async Task Tasks_lists_the_five_shipped_plugins()
    {
        var result = await NlpHostProcess.RunAsync(["tasks", "--json"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var tasks = JsonDocument.Parse(result.StandardOutput).RootElement.EnumerateArray()
            .Where(p => p.GetProperty("state").GetString() == "loaded")
            .SelectMany(p => p.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("name").GetString()))
            .Order(StringComparer.Ordinal);
        Assert.Equal(["cluster", "qa", "spellcheck", "summarize", "translate"], tasks);
    }

    [Fact]
    public async Task Unknown_task_exits_4_and_names_the_served_tasks()
    {
        var result = await NlpHostProcess.RunAsync(["run", "nosuchtask", "--input", "-"], standardInput: "{}");

        Assert.Equal(4, result.ExitCode);
        Assert.Contains("unknown task 'nosuchtask'", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("cluster", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_input_exits_3_and_names_the_field()
    {
        var notJson = await NlpHostProcess.RunAsync(["run", "cluster", "--input", "-"], standardInput: "{not json");
        var wrongShape = await NlpHostProcess.RunAsync(["run", "cluster", "--input", "-"], standardInput: """{"documents":[{"id":"1","text":5}]}""");

        Assert.Equal(3, notJson.ExitCode);
        Assert.Contains("not valid JSON", notJson.StandardError, StringComparison.Ordinal);
        Assert.Equal(3, wrongShape.ExitCode);
        Assert.Contains("input.documents[0].text", wrongShape.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_input_file_exits_2()
    {
        var result = await NlpHostProcess.RunAsync(["run", "cluster", "--input", "/nonexistent/doc.json"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("'/nonexistent/doc.json' not found", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Task_whose_required_head_is_missing_says_how_to_get_it()
    {
        var result = await NlpHostProcess.RunAsync(
            ["run", "spellcheck", "--input", "-", "--Plugins:spellcheck:Heads:lexicon", "/nonexistent/words.txt.gz"], standardInput: """{"text":"Teh cat."}""");

        Assert.Equal(4, result.ExitCode);
        Assert.Contains("head 'lexicon' not found", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("Plugins:spellcheck:Heads:lexicon", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Optional_head_set_to_a_missing_file_is_an_error_not_a_silent_fallback()
    {
        // Without the head, summarize would run its unsupervised scorer and report figures of the wrong model.
        var result = await NlpHostProcess.RunAsync(
            ["run", "summarize", "--input", "-", "--Plugins:summarize:Heads:salience", "no-such-dir/head.onnx"], standardInput: """{"text":"One. Two."}""");

        Assert.Equal(4, result.ExitCode);
        Assert.Contains("head 'salience' set by Plugins:summarize:Heads:salience not found", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("no-such-dir", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("ModelsPath", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_model_the_plugin_cannot_use_makes_the_task_unavailable_with_exit_4()
    {
        var result = await NlpHostProcess.RunAsync(
            ["run", "qa", "--input", "-", "--Plugins:qa:Model:Path", "/nonexistent/qa-export"], standardInput: """{"question":"Why?","context":"Because."}""");

        Assert.Equal(4, result.ExitCode);
        Assert.Contains("task 'qa': Plugins:qa:Model:Path: '/nonexistent/qa-export'", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_configuration_exits_5_and_names_the_key()
    {
        var result = await NlpHostProcess.RunAsync(["run", "cluster", "--input", "-", "--Plugins:ModelsPath="], standardInput: "{}");

        Assert.Equal(5, result.ExitCode);
        Assert.Contains("ModelsPath", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Command_line_errors_exit_2()
    {
        var result = await NlpHostProcess.RunAsync(["run", "cluster"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--input", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_config_value_of_the_wrong_type_exits_5_and_names_the_key()
    {
        var result = await NlpHostProcess.RunAsync(["run", "cluster", "--input", "-", "--Backbone:MaxBatchSize", "many"], standardInput: "{}");

        Assert.Equal(5, result.ExitCode);
        Assert.Contains("Backbone:MaxBatchSize", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_machine_without_cuda_runs_on_the_cpu_without_an_onnx_runtime_load_error()
    {
        if (System.Runtime.InteropServices.NativeLibrary.TryLoad("libcublasLt.so.13", out var handle))
        {
            // CUDA is installed here: the provider loads and there is nothing to fall back from.
            System.Runtime.InteropServices.NativeLibrary.Free(handle);
            return;
        }

        var result = await NlpHostProcess.RunAsync(
            ["run", "cluster", "--input", "samples/cluster-topics.json", "--Backbone:ExecutionProvider", "auto", "--Logging:LogLevel:Default", "Information"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var printed = result.StandardOutput + result.StandardError;
        Assert.DoesNotContain("Failed to load library", printed, StringComparison.Ordinal);
        Assert.DoesNotContain("CUDA execution provider unavailable", printed, StringComparison.Ordinal);
        Assert.Contains("CUDA not available (", printed, StringComparison.Ordinal);
        Assert.Contains("using CPU", printed, StringComparison.Ordinal);
    }
}
