using System.Text.Json;
using NlpHost.Abstractions.Backbone;
using NlpHost.Abstractions.Evaluation;
using NlpHost.Abstractions.Plugins;
using NlpHost.Tasks.Qa.Evaluation;
using NlpHost.Testing;

namespace NlpHost.Tasks.Qa.Tests;

/// <summary>The committed branch head (models/heads/qa-branch): fine-tuned top layers over the backbone's layer-k states.</summary>
public sealed class BranchHeadTests(RealBackbone backbone) : IClassFixture<RealBackbone>
{
    private static readonly string HeadDirectory = Path.Combine(RealBackbone.RepoRoot, "models", "heads", "qa-branch");

    private readonly QaTask _task = new();

    [Fact]
    public async Task The_backbones_layer_k_equals_the_pytorch_trunk_and_the_onnx_branch_equals_pytorch_within_1e_4()
    {
        var parity = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(HeadDirectory, "parity.json"))).RootElement;
        var layer = parity.GetProperty("layer").GetInt32();
        var expected = await HeadParity.ReadFloatsAsync(Path.Combine(HeadDirectory, "parity.f32"));
        var head = backbone.Backbone.OpenModel(Path.Combine(HeadDirectory, "head.onnx"));
        var offset = 0;
        foreach (var sample in parity.GetProperty("samples").EnumerateArray())
        {
            int[] ids = [.. sample.GetProperty("ids").EnumerateArray().Select(v => v.GetInt32())];
            int[] types = [.. sample.GetProperty("types").EnumerateArray().Select(v => v.GetInt32())];
            var tokens = ids.Length;

            var states = (await ((ILayeredBackbone)backbone.Backbone).EncodeLayerAsync([new EncoderInput(ids, types)], layer, CancellationToken.None))[0].Layer;
            var outputs = await head.RunAsync(new Dictionary<string, ModelTensor>
            {
                ["hidden_states"] = new FloatTensor(states.Data, [1, tokens, states.Size]),
                ["attention_mask"] = new Int64Tensor([.. Enumerable.Repeat(1L, tokens)], [1, tokens]),
            }, CancellationToken.None);

            var size = tokens * states.Size;
            HeadParity.AssertClose(expected.AsSpan(offset, size), states.Data, 1e-4f, $"layer {layer}");
            HeadParity.AssertClose(expected.AsSpan(offset + size, tokens), ((FloatTensor)outputs["start_logits"]).Data, 1e-4f * 10, "start_logits");
            HeadParity.AssertClose(expected.AsSpan(offset + size + tokens, tokens), ((FloatTensor)outputs["end_logits"]).Data, 1e-4f * 10, "end_logits");
            offset += size + 2 * tokens;
        }

        Assert.Equal(expected.Length, offset);
    }

    [Fact]
    public async Task The_onnx_branch_on_the_pytorch_states_equals_pytorch_within_1e_4()
    {
        var parity = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(HeadDirectory, "parity.json"))).RootElement;
        var expected = await HeadParity.ReadFloatsAsync(Path.Combine(HeadDirectory, "parity.f32"));
        var head = backbone.Backbone.OpenModel(Path.Combine(HeadDirectory, "head.onnx"));
        var offset = 0;
        foreach (var sample in parity.GetProperty("samples").EnumerateArray())
        {
            var tokens = sample.GetProperty("ids").GetArrayLength();
            var size = tokens * 384;
            var outputs = await head.RunAsync(new Dictionary<string, ModelTensor>
            {
                ["hidden_states"] = new FloatTensor(expected.AsSpan(offset, size).ToArray(), [1, tokens, 384]),
                ["attention_mask"] = new Int64Tensor([.. Enumerable.Repeat(1L, tokens)], [1, tokens]),
            }, CancellationToken.None);

            HeadParity.AssertClose(expected.AsSpan(offset + size, tokens), ((FloatTensor)outputs["start_logits"]).Data, 1e-4f, "start_logits");
            HeadParity.AssertClose(expected.AsSpan(offset + size + tokens, tokens), ((FloatTensor)outputs["end_logits"]).Data, 1e-4f, "end_logits");
            offset += size + 2 * tokens;
        }
    }

    [Fact]
    public async Task The_branch_route_answers_from_the_context_with_a_probability()
    {
        const string context = "The Normans were the people who in the 10th and 11th centuries gave their name to Normandy, a region in France.";

        var output = await RunAsync(new { question = "In what country is Normandy located?", context }, new { topK = 3, noAnswerThreshold = 0.0 });

        var answers = output.GetProperty("answers").EnumerateArray().ToList();
        Assert.NotEmpty(answers);
        Assert.All(answers, a =>
        {
            Assert.Equal(a.GetProperty("text").GetString(), context.Substring(a.GetProperty("start").GetInt32(), a.GetProperty("length").GetInt32()));
            Assert.InRange(a.GetProperty("score").GetDouble(), 0, 1);
        });
    }

    [Fact]
    public async Task A_question_the_context_cannot_answer_gets_no_answer_at_the_default_threshold()
    {
        const string context = "Bananas are rich in potassium and are eaten all over the world. They grow in tropical regions on large plants.";

        var output = await RunAsync(new { question = "In which year did the Apollo 11 mission land on the Moon?", context }, null);

        Assert.True(output.GetProperty("noAnswer").GetBoolean(), output.ToString());
        Assert.Equal(0, output.GetProperty("answers").GetArrayLength());
    }

    [Fact]
    public async Task Eval_scores_every_question_of_the_file_by_default_and_reports_per_file()
    {
        var first = await WriteSquadAsync("first", 7);
        var second = await WriteSquadAsync("second", 2);

        var report = await new QaEvaluator().EvaluateAsync(new EvaluationRequest($"{first},{second}", null, null), Context(), CancellationToken.None);

        Assert.Equal(9, report.Metrics["nlphost:branch"]["questions"]);
        Assert.Equal(7, report.Metrics["first"]["questions"]);
        Assert.Equal(2, report.Metrics["second"]["questions"]);
        Assert.Equal(9, report.Predictions.Count);
        var development = await new QaEvaluator().EvaluateAsync(
            new EvaluationRequest(first, null, JsonSerializer.SerializeToElement(new { articles = "development" })), Context(), CancellationToken.None);
        Assert.Equal(1, development.Metrics["nlphost:branch"]["questions"]); // article 6 of 7 (every 6th)
    }

    private static async Task<string> WriteSquadAsync(string name, int articles)
    {
        var data = Enumerable.Range(0, articles).Select(a => new
        {
            title = $"{name}-{a}",
            paragraphs = new[]
            {
                new { context = $"Article {a} says that the river Rhine is {a + 100} kilometres long.", qas = new[] { new { id = $"{name}-{a}", question = "How long is the Rhine?", answers = new[] { new { text = $"{a + 100} kilometres", answer_start = 0 } } } } },
            },
        });
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"qa-eval-{Guid.NewGuid():N}")).FullName;
        var path = Path.Combine(folder, $"{name}.json");
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(new { version = "test", data }));
        return path;
    }

    private TaskContext Context() => backbone.Context(
        new Dictionary<string, string?> { ["Head"] = "branch" },
        new Dictionary<string, string> { ["branch"] = Path.Combine(HeadDirectory, "head.onnx") });

    private async Task<JsonElement> RunAsync(object input, object? options)
    {
        var request = new TaskRequest(JsonSerializer.SerializeToElement(input, TaskJson.Options), options is null ? null : JsonSerializer.SerializeToElement(options, TaskJson.Options));
        return await _task.ExecuteAsync(request, Context(), CancellationToken.None);
    }
}
