using System.Text.Json;
using NlpHost.Abstractions.Backbone;
using NlpHost.Abstractions.Plugins;
using NlpHost.Tasks.Summarize.Scoring;
using NlpHost.Testing;

namespace NlpHost.Tasks.Summarize.Tests;

/// <summary>The committed salience head (models/heads/summarize-salience) on the real backbone.</summary>
public sealed class SalienceHeadTests(RealBackbone backbone) : IClassFixture<RealBackbone>
{
    private static readonly string HeadDirectory = Path.Combine(RealBackbone.RepoRoot, "models", "heads", "summarize-salience");
    private static readonly string HeadPath = Path.Combine(HeadDirectory, "head.onnx");

    [Fact]
    public async Task Exported_head_matches_the_training_framework_within_1e_4()
    {
        using var expected = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(HeadDirectory, "parity.json")));
        var width = expected.RootElement.GetProperty("width").GetInt32();
        var data = await HeadParity.ReadFloatsAsync(Path.Combine(HeadDirectory, "parity-features.f32"));
        var features = data.Chunk(width).ToArray();

        var logits = await new SalienceHead(backbone.Backbone.OpenModel(HeadPath)).LogitsAsync(features, CancellationToken.None);

        HeadParity.AssertClose(HeadParity.Floats(expected.RootElement.GetProperty("logits")), logits, 1e-4f, "logits");
    }

    [Fact]
    public async Task Manifest_describes_the_features_the_task_builds()
    {
        using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(HeadDirectory, "manifest.json")));
        var input = manifest.RootElement.GetProperty("input");

        Assert.Equal(backbone.Backbone.Info.HiddenSize + SentenceFeatures.ExtraCount, input.GetProperty("shape")[1].GetInt32());
        Assert.EndsWith(string.Join(", ", SentenceFeatures.ExtraNames), input.GetProperty("layout").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Manifest_states_the_head_size_which_stays_under_25_MB()
    {
        using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(HeadDirectory, "manifest.json")));
        var bytes = new FileInfo(HeadPath).Length;

        Assert.Equal($"head.onnx {bytes} bytes", manifest.RootElement.GetProperty("size").GetString());
        Assert.InRange(bytes, 1, 25L * 1024 * 1024);
    }

    [Fact]
    public async Task With_the_head_configured_the_task_scores_with_it()
    {
        var request = new TaskRequest(JsonSerializer.SerializeToElement(new { text = SummarizeTaskTests.Article }));
        var context = backbone.Context(heads: new Dictionary<string, string> { [SummarizeTask.HeadName] = HeadPath });

        var output = (await new SummarizeTask().ExecuteAsync(request, context, CancellationToken.None)).Deserialize<SummarizeOutput>(TaskJson.Options)!;

        Assert.Equal("salience-head", output.Scorer);
        Assert.Equal(LengthBudget.HighlightSentences(output.SentencesInDocument!.Value), output.Sentences.Count);
        Assert.All(output.Sentences, s => Assert.InRange(s.Score, 0, 1));
        Assert.All(output.Sentences, s => Assert.Equal(s.Text, SummarizeTaskTests.Article.Substring(s.Start, s.Length)));
    }

    [Fact]
    public async Task UseHead_false_falls_back_to_the_unsupervised_scorer()
    {
        var request = new TaskRequest(JsonSerializer.SerializeToElement(new { text = SummarizeTaskTests.Article }));
        var context = backbone.Context(
            new Dictionary<string, string?> { ["UseHead"] = "false" },
            new Dictionary<string, string> { [SummarizeTask.HeadName] = HeadPath });

        var output = (await new SummarizeTask().ExecuteAsync(request, context, CancellationToken.None)).Deserialize<SummarizeOutput>(TaskJson.Options)!;

        Assert.Equal("unsupervised", output.Scorer);
    }

    [Fact]
    public async Task A_bad_setting_is_refused_naming_the_key()
    {
        var request = new TaskRequest(JsonSerializer.SerializeToElement(new { text = "One. Two." }));
        var context = backbone.Context(new Dictionary<string, string?> { ["MmrLambda"] = "2" }, task: "summarize");

        var error = await Assert.ThrowsAsync<TaskConfigurationException>(() => new SummarizeTask().ExecuteAsync(request, context, CancellationToken.None));

        Assert.Equal("Plugins:summarize:MmrLambda", error.Key);
    }
}
