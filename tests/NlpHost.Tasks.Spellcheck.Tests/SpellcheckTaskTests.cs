using System.Text.Json;
using NlpHost.Abstractions.Evaluation;
using NlpHost.Abstractions.Plugins;
using NlpHost.Tasks.Spellcheck.Evaluation;
using NlpHost.Testing;

namespace NlpHost.Tasks.Spellcheck.Tests;

/// <summary>The task and its evaluator as the host runs them, with the committed lexicon as their "heads".</summary>
public sealed class SpellcheckTaskTests(RealBackbone backbone) : IClassFixture<RealBackbone>
{
    private static readonly SpellcheckModelCache Models = new();

    private readonly SpellcheckTask _task = new(Models);

    [Fact]
    public async Task A_job_returns_the_corrected_text_and_each_correction()
    {
        var output = await RunAsync("""{"text":"Thsi is a tset."}""", null);

        Assert.Equal("This is a test.", output.GetProperty("text").GetString());
        var first = output.GetProperty("corrections")[0];
        Assert.Equal(0, first.GetProperty("start").GetInt32());
        Assert.Equal("Thsi", first.GetProperty("original").GetString());
        Assert.Equal("This", first.GetProperty("replacement").GetString());
    }

    [Theory]
    [InlineData("""{"text":"x"}""", """{"maxEditDistance":3}""", "options.maxEditDistance")]
    [InlineData("""{"text":"x"}""", """{"alternatives":-1}""", "options.alternatives")]
    [InlineData("""{}""", null, "input.text")]
    public async Task Invalid_requests_are_refused_naming_the_field(string input, string? options, string field)
    {
        var error = await Assert.ThrowsAsync<TaskInputException>(() => RunAsync(input, options));

        Assert.Equal(field, error.Field);
    }

    [Fact]
    public void Both_list_formats_are_read_by_content()
    {
        var norvig = MisspellingSet.Parse(["contented: contenpted contende", "a_lot: alot"], "norvig");
        var birkbeck = MisspellingSet.Parse(["$Albert", "Ab", "$a_lot", "alot", "a_lott 2"], "birkbeck");

        Assert.Equal([new("contenpted", "contented"), new("contende", "contented"), new("alot", "a lot")], norvig);
        Assert.Equal([new("Ab", "Albert"), new("alot", "a lot"), new("a lott", "a lot")], birkbeck);
    }

    [Fact]
    public void A_malformed_list_is_refused_with_its_line()
    {
        var error = Assert.Throws<TaskInputException>(() => MisspellingSet.Parse(["right: wrong", "no colon here"], "bad.txt"));

        Assert.Contains("bad.txt:2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluation_scores_each_misspelling_and_writes_one_prediction_per_word()
    {
        var path = Path.GetTempFileName();
        await File.WriteAllLinesAsync(path, ["$spelling", "speling", "spellling", "$receive", "recieve"]);
        try
        {
            var report = await new SpellcheckEvaluator(Models).EvaluateAsync(new EvaluationRequest(path, null, null), Context(), CancellationToken.None);

            var metrics = report.Metrics["nlphost"];
            Assert.Equal(100, metrics["accuracy@1"]);
            Assert.Equal(100, metrics["accuracy@5"]);
            Assert.Equal(3, metrics["words"]);
            Assert.Equal(3, report.Predictions.Count);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private TaskContext Context() => backbone.Context(heads: new Dictionary<string, string>
    {
        ["lexicon"] = SpellcheckModelFixture.LexiconPath,
        ["bigrams"] = SpellcheckModelFixture.BigramPath,
    });

    private async Task<JsonElement> RunAsync(string input, string? options)
    {
        using var inputJson = JsonDocument.Parse(input);
        using var optionsJson = options is null ? null : JsonDocument.Parse(options);
        return await _task.ExecuteAsync(new TaskRequest(inputJson.RootElement.Clone(), optionsJson?.RootElement.Clone()), Context(), CancellationToken.None);
    }
}
