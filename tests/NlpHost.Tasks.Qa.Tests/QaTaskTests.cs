using System.Text.Json;
using NlpHost.Abstractions.Backbone;
using NlpHost.Abstractions.Plugins;
using NlpHost.Testing;

namespace NlpHost.Tasks.Qa.Tests;

/// <summary>The task with the committed span head (models/heads/qa-span) on the real backbone.</summary>
public sealed class QaTaskTests(RealBackbone backbone) : IClassFixture<RealBackbone>
{
    private static readonly string HeadDirectory = Path.Combine(RealBackbone.RepoRoot, "models", "heads", "qa-span");

    private readonly QaTask _task = new();

    [Fact]
    public async Task Exported_head_matches_the_training_framework_within_1e_4()
    {
        var expected = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(HeadDirectory, "parity.json"))).RootElement;
        var tokens = expected.GetProperty("tokens").GetInt32();
        var hidden = await HeadParity.ReadFloatsAsync(Path.Combine(HeadDirectory, "parity-hidden.f32"));

        var outputs = await backbone.Backbone.OpenModel(Path.Combine(HeadDirectory, "head.onnx")).RunAsync(new Dictionary<string, ModelTensor>
        {
            ["hidden_states"] = new FloatTensor(hidden, [1, tokens, hidden.Length / tokens]),
            ["attention_mask"] = new Int64Tensor(Enumerable.Repeat(1L, tokens).ToArray(), [1, tokens]),
        }, CancellationToken.None);

        foreach (var name in new[] { "start_logits", "end_logits" })
        {
            HeadParity.AssertClose(HeadParity.Floats(expected.GetProperty(name)), ((FloatTensor)outputs[name]).Data, 1e-4f, name);
        }
    }

    [Fact]
    public async Task Answers_are_spans_of_the_context_with_offsets()
    {
        const string context = "The Normans were the people who in the 10th and 11th centuries gave their name to Normandy, a region in France.";

        var output = await RunAsync(new { question = "In what country is Normandy located?", context }, new { topK = 3 });

        var answers = output.GetProperty("answers").EnumerateArray().ToList();
        Assert.NotEmpty(answers);
        Assert.All(answers, a => Assert.Equal(
            a.GetProperty("text").GetString(),
            context.Substring(a.GetProperty("start").GetInt32(), a.GetProperty("length").GetInt32())));
    }

    [Fact]
    public async Task Several_documents_are_ranked_and_the_answer_names_its_document()
    {
        string[] documents = ["Bananas are rich in potassium.", "The Rhine flows through Switzerland, Germany and the Netherlands.", "Chess is played on 64 squares."];

        var output = await RunAsync(new { question = "Which countries does the Rhine flow through?", documents }, new { maxDocuments = 1 });

        var best = output.GetProperty("answers").EnumerateArray().First();
        Assert.Equal(1, best.GetProperty("document").GetInt32());
    }

    [Fact]
    public async Task A_context_in_another_script_gets_an_answer_or_no_answer_not_an_error()
    {
        var output = await RunAsync(new { question = "Where is the station?", context = "駅は公園の北にあります。電車は十分ごとに来ます。" }, null);

        Assert.True(output.GetProperty("noAnswer").GetBoolean() || output.GetProperty("answers").GetArrayLength() > 0);
    }

    [Theory]
    [InlineData("""{"question":"","context":"text"}""", "input.question")]
    [InlineData("""{"question":"Why?","context":"  "}""", "input.context")]
    [InlineData("""{"question":"Why?"}""", "input.context")]
    public async Task Empty_question_or_context_is_refused_naming_the_field(string input, string field)
    {
        using var json = JsonDocument.Parse(input);

        var error = await Assert.ThrowsAsync<TaskInputException>(() => _task.ExecuteAsync(new TaskRequest(json.RootElement), Context(), CancellationToken.None));

        Assert.Equal(field, error.Field);
    }

    private TaskContext Context() => backbone.Context(heads: new Dictionary<string, string> { ["span"] = Path.Combine(HeadDirectory, "head.onnx") });

    private async Task<JsonElement> RunAsync(object input, object? options)
    {
        var request = new TaskRequest(JsonSerializer.SerializeToElement(input, TaskJson.Options), options is null ? null : JsonSerializer.SerializeToElement(options, TaskJson.Options));
        return await _task.ExecuteAsync(request, Context(), CancellationToken.None);
    }
}
