using System.Text.Json;
using NlpHost.Abstractions.Plugins;
using NlpHost.Testing;

namespace NlpHost.Tasks.Qa.Tests;

/// <summary>
/// Plugins:qa:Model:Path with a whole QA export in the Hugging Face layout: a tiny backbone + span layer in one graph
/// with its own vocabulary (Fixtures/make_tiny_qa_export.py), whose PyTorch answer is recorded beside it.
/// </summary>
public sealed class ExportedModelTests(RealBackbone backbone) : IClassFixture<RealBackbone>
{
    private static readonly string Fixture = Path.Combine(AppContext.BaseDirectory, "Fixtures", "tiny-qa-export");

    private readonly QaTask _task = new();

    [Fact]
    public async Task A_fused_export_with_its_own_vocabulary_gives_the_answer_its_training_framework_gives()
    {
        var expected = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Fixture, "expected.json"))).RootElement;
        var context = expected.GetProperty("context").GetString()!;

        var output = await RunAsync(new { question = expected.GetProperty("question").GetString(), context }, Fixture);

        var best = output.GetProperty("answers")[0];
        Assert.Equal(expected.GetProperty("answer").GetString(), best.GetProperty("text").GetString());
        Assert.Equal(expected.GetProperty("start").GetInt32(), best.GetProperty("start").GetInt32());
        Assert.Equal(expected.GetProperty("end").GetInt32() - expected.GetProperty("start").GetInt32(), best.GetProperty("length").GetInt32());
        Assert.Equal(expected.GetProperty("score").GetDouble(), best.GetProperty("score").GetDouble(), 1e-4);
    }

    [Fact]
    public async Task The_export_is_used_without_a_span_head()
    {
        var output = await RunAsync(new { question = "Where is the red house?", context = "The red house is in Paris." }, Path.Combine(Fixture, "model.onnx"), heads: []);

        Assert.True(output.GetProperty("answers").GetArrayLength() > 0);
    }

    [Fact]
    public async Task A_folder_that_is_not_a_qa_export_is_named_in_the_error()
    {
        var folder = Directory.CreateTempSubdirectory("not-a-qa-export").FullName;

        var error = await Assert.ThrowsAsync<TaskModelException>(() => RunAsync(new { question = "Why?", context = "Because." }, folder));

        Assert.Contains("Plugins:qa:Model:Path", error.Message, StringComparison.Ordinal);
        Assert.Contains(folder, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_head_or_an_export_the_error_says_how_to_get_one()
    {
        var error = await Assert.ThrowsAsync<TaskModelException>(() => RunAsync(new { question = "Why?", context = "Because." }, model: null, heads: []));

        Assert.Contains("Plugins:qa:Model:Path", error.Message, StringComparison.Ordinal);
    }

    private async Task<JsonElement> RunAsync(object input, string? model, Dictionary<string, string>? heads = null)
    {
        var settings = new Dictionary<string, string?> { ["Model:Path"] = model };
        var context = backbone.Context(settings, heads ?? new Dictionary<string, string> { ["span"] = Path.Combine(RealBackbone.RepoRoot, "models", "heads", "qa-span", "head.onnx") });
        var request = new TaskRequest(JsonSerializer.SerializeToElement(input, TaskJson.Options));
        return await _task.ExecuteAsync(request, context, CancellationToken.None);
    }
}
