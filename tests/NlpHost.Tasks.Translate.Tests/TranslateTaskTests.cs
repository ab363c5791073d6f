using System.Text.Json;
using NlpHost.Abstractions.Plugins;
using NlpHost.Testing;

namespace NlpHost.Tasks.Translate.Tests;

/// <summary>The task end to end on the real backbone with the tiny random head: the shape of answers, not their quality.</summary>
public sealed class TranslateTaskTests(RealBackbone backbone) : IClassFixture<RealBackbone>, IAsyncLifetime
{
    private readonly TranslateTask _task = new();

    [Fact]
    public async Task Document_is_translated_sentence_by_sentence_keeping_paragraphs_and_source_offsets()
    {
        const string text = "Hello there. How are you?\n\nThe second paragraph has one sentence.";

        var output = await RunAsync(new { text }, new { beamSize = 2 });

        var sentences = output.GetProperty("sentences").EnumerateArray().ToList();
        Assert.Equal(3, sentences.Count);
        Assert.Equal("How are you?", text.Substring(sentences[1].GetProperty("sourceStart").GetInt32(), sentences[1].GetProperty("sourceLength").GetInt32()));
        var translations = sentences.Select(s => s.GetProperty("translation").GetString()).ToList();
        Assert.Equal($"{translations[0]} {translations[1]}\n\n{translations[2]}", output.GetProperty("translation").GetString());
    }

    [Theory]
    [InlineData("""{"text":""}""")]
    [InlineData("""{"text":" \n\n "}""")]
    public async Task Empty_input_is_refused_naming_the_field(string input)
    {
        var error = await Assert.ThrowsAsync<TaskInputException>(() => RunAsync(JsonDocument.Parse(input).RootElement, null));

        Assert.Equal("input.text", error.Field);
        Assert.Contains("empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unconfigured_pair_is_refused_naming_the_option_and_listing_configured_pairs()
    {
        var error = await Assert.ThrowsAsync<TaskInputException>(() => RunAsync(new { text = "Hello." }, new { target = "fr" }));

        Assert.Equal("options.target", error.Field);
        Assert.Contains("'en-fr'", error.Message, StringComparison.Ordinal);
        Assert.Contains("configured pairs: en-es", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Very_long_sentence_is_truncated_with_a_warning_not_an_error()
    {
        var text = string.Join(" ", Enumerable.Repeat("the cat sat on the mat", 80)) + ".";

        var output = await RunAsync(new { text }, new { beamSize = 1, maxLength = 4 });

        var sentence = Assert.Single(output.GetProperty("sentences").EnumerateArray());
        Assert.True(sentence.GetProperty("truncated").GetBoolean());
        Assert.Contains("254 of 481", sentence.GetProperty("warning").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Non_english_input_is_translated_as_if_english_without_error()
    {
        var output = await RunAsync(new { text = "駅は公園の北にあります。Der Zug kommt alle zehn Minuten." }, new { beamSize = 1 });

        Assert.Equal(2, output.GetProperty("sentences").GetArrayLength());
        // The tiny random head never ends a sentence, so its output is cut (and flagged) at the length budget; what
        // matters here is that the source itself was taken whole.
        var warning = output.GetProperty("sentences")[0].TryGetProperty("warning", out var w) ? w.GetString() : null;
        Assert.DoesNotContain("sentence too long", warning ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_jobs_get_the_same_translations_as_one_at_a_time()
    {
        string[] texts = ["I lied.", "Hurry up!", "Where is the station? It is late.", "Tom is here."];
        var alone = new List<string>();
        foreach (var text in texts)
        {
            alone.Add((await RunAsync(new { text }, null)).GetProperty("translation").GetString()!);
        }

        var together = await Task.WhenAll(texts.Select(text => RunAsync(new { text }, null)));

        Assert.Equal(alone, together.Select(o => o.GetProperty("translation").GetString()));
    }

    [Fact]
    public async Task Cancelled_job_stops_with_operation_cancelled()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => RunAsync(new { text = "Hello there." }, null, cancelled.Token));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _task.DisposeAsync();

    private Task<JsonElement> RunAsync(object input, object? options, CancellationToken cancellationToken = default) =>
        RunAsync(JsonSerializer.SerializeToElement(input), options is null ? null : JsonSerializer.SerializeToElement(options), cancellationToken);

    private Task<JsonElement> RunAsync(JsonElement input, JsonElement? options, CancellationToken cancellationToken = default) =>
        _task.ExecuteAsync(new TaskRequest(input, options), backbone.Context(new Dictionary<string, string?>
        {
            ["Pairs:en-es:HeadPath"] = TinyModels.Head,
            ["MaxLength"] = "6",
        }), cancellationToken);
}
