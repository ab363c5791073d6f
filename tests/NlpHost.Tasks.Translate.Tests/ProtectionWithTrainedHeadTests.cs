using System.Text.Json;
using NlpHost.Abstractions.Plugins;
using NlpHost.Testing;
using NlpHost.Tasks.Translate.Text.Protection;

namespace NlpHost.Tasks.Translate.Tests;

/// <summary>Figures, addresses and code through the trained English-Spanish head, and its confidence.</summary>
public sealed class ProtectionWithTrainedHeadTests(RealBackbone backbone) : IClassFixture<RealBackbone>, IAsyncLifetime
{
    private static readonly string Head = Path.Combine(RealBackbone.RepoRoot, "models", "heads", "translate-en-es", "decoder_model_merged.onnx");
    private readonly TranslateTask _task = new();

    [Fact]
    public async Task Every_figure_address_and_code_span_of_50_sentences_is_in_the_translation_exactly()
    {
        var lines = await File.ReadAllLinesAsync(Path.Combine(TinyModels.Fixtures, "protected-sentences.txt"));
        var sentences = await TranslateAsync(string.Join("\n", lines), protect: true);

        Assert.Equal(50, sentences.Count);
        var appended = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var translation = sentences[i].GetProperty("translation").GetString()!;
            foreach (var span in ProtectedSpans.Find(lines[i]))
            {
                Assert.True(translation.Contains(span.Text, StringComparison.Ordinal), $"'{span.Text}' lost: {lines[i]} -> {translation}");
            }

            appended += sentences[i].TryGetProperty("warning", out var w) && w.GetString()!.Contains("did not keep", StringComparison.Ordinal) ? 1 : 0;
        }

        // Placed in the sentence, not rescued by the appended parentheses, for most sentences (measured: see the README).
        Assert.True(appended <= 15, $"{appended} of 50 sentences needed their figures appended");
    }

    [Fact]
    public async Task Without_protection_the_same_head_loses_figures()
    {
        var lines = await File.ReadAllLinesAsync(Path.Combine(TinyModels.Fixtures, "protected-sentences.txt"));
        var sentences = await TranslateAsync(string.Join("\n", lines.Take(20)), protect: false);

        var lost = sentences.Select((s, i) => ProtectedSpans.Find(lines[i]).Count(p => !s.GetProperty("translation").GetString()!.Contains(p.Text, StringComparison.Ordinal))).Sum();
        Assert.True(lost >= 5, $"only {lost} spans lost without protection: the protected test above proves little");
    }

    [Fact]
    public async Task Confidence_is_lower_on_garbage_than_on_clean_sentences()
    {
        var clean = await TranslateAsync("I like to read books.\nWhere is the station?\nThe weather is nice today.\nShe lives in a small house.", protect: true);
        var garbage = await TranslateAsync("Xqv blorf zzkt wep.\nMnbv qwpl trrk ghj?\nPlox vrem quatz yil.\nZorp glik fnar thwop.", protect: true);

        double Mean(List<JsonElement> s) => s.Average(x => x.GetProperty("confidence").GetDouble());
        Assert.True(Mean(garbage) < Mean(clean), $"garbage {Mean(garbage):0.000} vs clean {Mean(clean):0.000}");
        Assert.All(clean, s => Assert.InRange(s.GetProperty("confidence").GetDouble(), 0.0, 1.0));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _task.DisposeAsync();

    private async Task<List<JsonElement>> TranslateAsync(string text, bool protect)
    {
        var output = await _task.ExecuteAsync(
            new TaskRequest(JsonSerializer.SerializeToElement(new { text }), JsonSerializer.SerializeToElement(new { beamSize = 1, protect })),
            backbone.Context(heads: new Dictionary<string, string> { ["decoder"] = Head }),
            CancellationToken.None);
        return [.. output.GetProperty("sentences").EnumerateArray()];
    }
}
