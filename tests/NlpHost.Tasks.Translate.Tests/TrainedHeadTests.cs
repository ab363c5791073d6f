using System.Text.Json;
using NlpHost.Abstractions.Backbone;
using NlpHost.Abstractions.Plugins;
using NlpHost.Testing;

namespace NlpHost.Tasks.Translate.Tests;

/// <summary>The trained English-Spanish head committed in models/heads/translate-en-es.</summary>
public sealed class TrainedHeadTests(RealBackbone backbone) : IClassFixture<RealBackbone>, IAsyncLifetime
{
    private static readonly string Folder = Path.Combine(RealBackbone.RepoRoot, "models", "heads", "translate-en-es");

    private readonly TranslateTask _task = new();

    [Fact]
    public async Task Exported_head_matches_the_training_framework_over_two_cached_steps()
    {
        using var parity = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Folder, "parity.json")));
        var root = parity.RootElement;
        var shape = Ints(root.GetProperty("shape"));
        var (heads, size, layers) = (root.GetProperty("heads").GetInt32(), root.GetProperty("head_size").GetInt32(), root.GetProperty("layers").GetInt32());
        var model = backbone.Backbone.OpenModel(Path.Combine(Folder, "decoder_model_merged.onnx"));
        var pasts = Enumerable.Range(0, 2 * layers).Select(_ => (ModelTensor)new FloatTensor([], [shape[0], heads, 0, size])).ToList();

        foreach (var step in root.GetProperty("steps").EnumerateArray())
        {
            var ids = step.GetProperty("input_ids").EnumerateArray().Select(Ints).ToList();
            var inputs = new Dictionary<string, ModelTensor>
            {
                ["input_ids"] = new Int64Tensor([.. ids.SelectMany(r => r.Select(v => (long)v))], [ids.Count, ids[0].Length]),
                ["encoder_hidden_states"] = new FloatTensor([.. root.GetProperty("encoder_hidden_states").EnumerateArray().Select(v => v.GetSingle())], shape),
                ["encoder_attention_mask"] = new Int64Tensor([.. root.GetProperty("encoder_attention_mask").EnumerateArray().Select(v => v.GetInt64())], [shape[0], shape[1]]),
            };
            for (var i = 0; i < 2 * layers; i++)
            {
                inputs[$"past_key_values.{i / 2}.decoder.{(i % 2 == 0 ? "key" : "value")}"] = pasts[i];
            }

            var outputs = await model.RunAsync(inputs, CancellationToken.None);

            var logits = (FloatTensor)outputs["logits"];
            var first8 = step.GetProperty("logits_first8").EnumerateArray().Select(v => v.GetSingle()).ToArray();
            var positions = ids.Count * ids[0].Length;
            for (var p = 0; p < positions; p++)
            {
                for (var k = 0; k < 8; k++)
                {
                    var got = logits.Data[(p * logits.Shape[2]) + k];
                    Assert.True(Math.Abs(got - first8[(p * 8) + k]) < 1e-3, $"position {p} logit {k}: {got} vs {first8[(p * 8) + k]}");
                }
            }

            Assert.Equal(step.GetProperty("logits_argmax").EnumerateArray().SelectMany(r => Ints(r)), Enumerable.Range(0, positions).Select(p => ArgMax(logits.Data, p * logits.Shape[2], logits.Shape[2])));
            pasts = [.. Enumerable.Range(0, 2 * layers).Select(i => outputs[$"present.{i / 2}.decoder.{(i % 2 == 0 ? "key" : "value")}"])];
        }
    }

    [Fact]
    public async Task Trained_head_translates_a_short_document()
    {
        var output = await _task.ExecuteAsync(
            new TaskRequest(JsonSerializer.SerializeToElement(new { text = "The train leaves at nine.\n\nSee you tomorrow." })),
            backbone.Context(heads: new Dictionary<string, string> { ["decoder"] = Path.Combine(Folder, "decoder_model_merged.onnx") }),
            CancellationToken.None);

        var translation = output.GetProperty("translation").GetString()!;
        Assert.Contains("tren", translation, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("\n\n", translation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_translation_cut_by_max_length_is_flagged_and_a_complete_one_is_not()
    {
        async Task<JsonElement> Translate(object options) => (await _task.ExecuteAsync(
            new TaskRequest(JsonSerializer.SerializeToElement(new { text = "The train leaves at nine." }), JsonSerializer.SerializeToElement(options)),
            backbone.Context(heads: new Dictionary<string, string> { ["decoder"] = Path.Combine(Folder, "decoder_model_merged.onnx") }),
            CancellationToken.None)).GetProperty("sentences")[0];

        var cut = await Translate(new { maxLength = 1, beamSize = 1 });
        var whole = await Translate(new { beamSize = 1 });

        Assert.True(cut.GetProperty("truncated").GetBoolean(), cut.ToString());
        Assert.Contains("maxLength", cut.GetProperty("warning").GetString(), StringComparison.Ordinal);
        Assert.False(whole.GetProperty("truncated").GetBoolean(), whole.ToString());
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _task.DisposeAsync();

    private static int[] Ints(JsonElement array) => [.. array.EnumerateArray().Select(v => v.GetInt32())];

    private static int ArgMax(float[] values, int start, int count)
    {
        var best = 0;
        for (var i = 1; i < count; i++)
        {
            best = values[start + i] > values[start + best] ? i : best;
        }

        return best;
    }
}
