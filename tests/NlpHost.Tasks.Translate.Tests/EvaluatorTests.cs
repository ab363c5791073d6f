using System.Text.Json;
using NlpHost.Abstractions.Evaluation;
using NlpHost.Tasks.Translate.Evaluation;
using NlpHost.Testing;

namespace NlpHost.Tasks.Translate.Tests;

public sealed class EvaluatorTests(RealBackbone backbone) : IClassFixture<RealBackbone>, IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("nlphost-translate-eval-").FullName;
    private readonly TranslateTask _task = new();

    [Fact]
    public async Task Repeated_sources_become_references_and_other_systems_are_scored_beside()
    {
        // Every output has 4-grams: sacreBLEU's corpus BLEU is 0 when no hypothesis has any.
        var data = Path.Combine(_folder, "dev.tsv");
        await File.WriteAllLinesAsync(data, ["I lied.\tMentí.", "Hurry up.\t¡Date prisa, por favor!", "I lied.\tYo te he mentido."]);
        var apertium = Path.Combine(_folder, "other.tsv");
        await File.WriteAllLinesAsync(apertium, ["I lied.\tYo te he mentido.", "Hurry up.\t¡Date prisa, por favor!"]);
        var options = JsonSerializer.SerializeToElement(new { beamSize = 1, systems = new { other = apertium } });

        var report = await new TranslateEvaluator([_task]).EvaluateAsync(new EvaluationRequest(data, null, options), Context(), CancellationToken.None);

        Assert.Equal(2, report.Predictions.Count);
        Assert.Equal(2, report.Metrics["nlphost"]["sentences"]);
        Assert.True(report.Metrics["nlphost"]["sentencesPerSecond"] > 0);
        Assert.Equal(100, report.Metrics["other"]["bleu"], 6);
        Assert.Equal(100, report.Metrics["other"]["chrf"], 6);
    }

    [Fact]
    public async Task Other_systems_alone_are_scored_without_running_the_model()
    {
        var data = Path.Combine(_folder, "dev.tsv");
        await File.WriteAllLinesAsync(data, ["the cat sat on the mat\tthe cat is on the mat"]);
        var other = Path.Combine(_folder, "other.tsv");
        await File.WriteAllLinesAsync(other, ["the cat sat on the mat\tthe cat sat on the mat"]);
        var options = JsonSerializer.SerializeToElement(new { nlphost = false, systems = new { other } });

        var report = await new TranslateEvaluator([_task]).EvaluateAsync(new EvaluationRequest(data, null, options), Context(), CancellationToken.None);

        Assert.Equal(["other"], report.Metrics.Keys);
        Assert.Equal(37.9918, report.Metrics["other"]["bleu"], 4);
        Assert.Empty(report.Predictions);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _task.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private Abstractions.Plugins.TaskContext Context() => backbone.Context(new Dictionary<string, string?>
    {
        ["Pairs:en-es:HeadPath"] = TinyModels.Head,
        ["MaxLength"] = "4",
    });
}
