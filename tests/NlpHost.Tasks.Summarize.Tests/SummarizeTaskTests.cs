using System.Text.Json;
using NlpHost.Abstractions.Plugins;
using NlpHost.Tasks.Summarize.Scoring;
using NlpHost.Tasks.Summarize.Text;
using NlpHost.Testing;

namespace NlpHost.Tasks.Summarize.Tests;

/// <summary>The task on the real backbone, with the unsupervised scorer (no head given).</summary>
public sealed class SummarizeTaskTests(RealBackbone backbone) : IClassFixture<RealBackbone>
{
    internal const string Article = """
        Storm closes schools across the region

        A powerful storm closed hundreds of schools across the region on Tuesday. Dr. Ellis, the head of the weather
        service, said winds reached 120 km/h. Power was cut to 40,000 homes.

        Road and rail travel was disrupted for most of the day. Trains into the capital were cancelled after trees fell
        on the lines. The U.S. embassy advised travellers to stay indoors.

        Schools are expected to reopen on Thursday. Engineers worked through the night to restore power. The storm is
        the strongest to hit the region in ten years, the weather service said.
        """;

    private readonly SummarizeTask _task = new();

    [Fact]
    public async Task Default_summary_is_the_highlights_length_in_document_order_with_exact_offsets()
    {
        var output = await RunAsync(new { text = Article }, null);

        Assert.Equal(LengthBudget.HighlightSentences(9), output.Sentences.Count);
        Assert.Equal(output.Sentences.OrderBy(s => s.Start), output.Sentences);
        Assert.All(output.Sentences, s => Assert.Equal(s.Text, Article.Substring(s.Start, s.Length)));
        Assert.Equal(string.Join(' ', output.Sentences.Select(s => s.Text)), output.Summary);
        Assert.DoesNotContain(output.Sentences, s => s.Text.StartsWith("Storm closes", StringComparison.Ordinal));
        Assert.Equal("unsupervised", output.Scorer);
        Assert.Equal(9, output.SentencesInDocument);
    }

    [Theory]
    [InlineData("""{"sentences":2}""", 2)]
    [InlineData("""{"sentences":50}""", 9)]
    [InlineData("""{"ratio":0.5}""", 5)]
    [InlineData("""{"ratio":0.01}""", 1)]
    public async Task Length_in_sentences_or_ratio_is_respected(string options, int expected)
    {
        var output = await RunAsync(new { text = Article }, JsonDocument.Parse(options).RootElement);

        Assert.Equal(expected, output.Sentences.Count);
    }

    [Fact]
    public async Task One_line_style_returns_the_single_best_sentence()
    {
        var output = await RunAsync(new { text = Article }, new { style = "one-line" });
        var all = await RunAsync(new { text = Article }, new { sentences = 9 });

        var only = Assert.Single(output.Sentences);
        Assert.Equal(all.Sentences.Max(s => s.Score), only.Score);
        Assert.Equal(only.Text, output.Summary);
    }

    [Fact]
    public async Task Default_length_follows_the_document_length()
    {
        // 3 and 150 sentences: the highlights rule grows slowly (3 sentences for most news articles), so the two
        // documents must differ a lot in length for the summary lengths to differ.
        var shortText = string.Join(' ', Enumerable.Range(0, 3).Select(i => $"Officials in town {i} reported that the river rose {i + 1} metres overnight."));
        var longText = string.Join(' ', Enumerable.Range(0, 150).Select(i => $"Officials in town {i} reported that the river rose {i + 1} metres overnight."));

        // The sentences are alike on purpose; the duplicate filter is off so only the length rule decides.
        var settings = new Dictionary<string, string?> { ["DuplicateSimilarity"] = "1.01" };
        var (brief, full) = (await RunAsync(new { text = shortText }, null, settings), await RunAsync(new { text = longText }, null, settings));
        var paragraph = await RunAsync(new { text = longText }, new { style = "paragraph" }, settings);

        Assert.True(full.Sentences.Count > brief.Sentences.Count, $"{brief.Sentences.Count} sentences for 3, {full.Sentences.Count} for 150");
        Assert.Equal(LengthBudget.HighlightSentences(150), full.Sentences.Count);
        Assert.True(paragraph.Sentences.Count > full.Sentences.Count);
    }

    [Theory]
    [InlineData("Die Bundesregierung hat am Mittwoch ein neues Gesetz beschlossen. Es soll im Januar in Kraft treten. Die Opposition kritisiert es, weil es zu teuer ist.", "de", "German")]
    [InlineData("北京市政府周三宣布了一项新的交通计划。该计划将减少城市的空气污染。专家表示欢迎。", "zh", "Chinese")]
    public async Task A_non_english_document_states_its_language_and_the_limits(string text, string language, string name)
    {
        var output = await RunAsync(new { text }, null);

        Assert.Equal(language, output.Language);
        Assert.Contains(name, output.Note, StringComparison.Ordinal);
        Assert.NotEmpty(output.Sentences);
    }

    [Fact]
    public async Task English_has_no_note()
    {
        var output = await RunAsync(new { text = Article }, null);

        Assert.Equal("en", output.Language);
        Assert.Null(output.Note);
    }

    [Theory]
    [InlineData(30)]
    [InlineData(45)]
    public async Task Length_in_words_is_a_ceiling(int words)
    {
        var output = await RunAsync(new { text = Article }, new { words });

        Assert.NotEmpty(output.Sentences);
        Assert.True(Word.Count(output.Summary) <= words, $"{Word.Count(output.Summary)} words");
    }

    [Fact]
    public async Task A_word_budget_smaller_than_every_sentence_still_gives_the_best_short_sentence()
    {
        var output = await RunAsync(new { text = Article }, new { words = 2 });

        Assert.Single(output.Sentences);
    }

    [Fact]
    public async Task Redundant_sentences_are_not_both_chosen()
    {
        const string text = "The council approved the new budget on Monday. The new budget was approved by the council on Monday. "
            + "Teachers will get a pay rise next year. Bus fares will be frozen until 2027.";

        var output = await RunAsync(new { text }, new { sentences = 2 });

        Assert.True(output.Sentences.Count(s => s.Text.Contains("budget", StringComparison.Ordinal)) <= 1, output.Summary);
    }

    [Fact]
    public async Task One_sentence_is_its_own_summary()
    {
        var output = await RunAsync(new { text = "Only one sentence here." }, null);

        Assert.Equal("Only one sentence here.", output.Summary);
        Assert.Equal(0, output.Sentences.Single().Start);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n ")]
    public async Task Empty_text_is_refused_naming_the_field(string text)
    {
        var error = await Assert.ThrowsAsync<TaskInputException>(() => RunAsync(new { text }, null));

        Assert.Equal("input.text", error.Field);
    }

    [Fact]
    public async Task Text_without_words_gives_an_empty_summary()
    {
        var output = await RunAsync(new { text = "... --- !!!" }, null);

        Assert.Equal("", output.Summary);
        Assert.Empty(output.Sentences);
    }

    [Theory]
    [InlineData("""{"sentences":2,"words":10}""")]
    [InlineData("""{"sentences":0}""")]
    [InlineData("""{"ratio":1.5}""")]
    [InlineData("""{"words":-1}""")]
    [InlineData("""{"style":"tweet"}""")]
    [InlineData("""{"style":"one-line","sentences":2}""")]
    public async Task Bad_lengths_are_refused(string options)
    {
        var error = await Assert.ThrowsAsync<TaskInputException>(() => RunAsync(new { text = Article }, JsonDocument.Parse(options).RootElement));

        Assert.StartsWith("options", error.Field, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Non_english_text_is_summarized_with_exact_offsets()
    {
        const string text = "東京で大きな地震がありました。電車は一時止まりました。けが人はいませんでした。政府は調査を始めました。";

        var output = await RunAsync(new { text }, new { sentences = 2 });

        Assert.Equal(2, output.Sentences.Count);
        Assert.All(output.Sentences, s => Assert.Equal(s.Text, text.Substring(s.Start, s.Length)));
        Assert.All(output.Sentences, s => Assert.EndsWith("。", s.Text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_hundred_thousand_word_document_is_capped_and_summarized()
    {
        var sentences = Enumerable.Range(0, 10_000).Select(i => $"Report {i} says the river rose {i % 7} metres near town {i % 13}.");
        var text = string.Join(' ', sentences);

        var output = await RunAsync(new { text }, new { sentences = 3 });

        Assert.True(Word.Count(text) >= 100_000);
        Assert.Equal(10_000, output.SentencesInDocument);
        Assert.Equal(256, output.SentencesScored);
        Assert.Equal(3, output.Sentences.Count);
        Assert.All(output.Sentences, s => Assert.Equal(s.Text, text.Substring(s.Start, s.Length)));
    }

    [Fact]
    public async Task A_given_title_is_used_and_a_leading_heading_is_never_chosen()
    {
        var output = await RunAsync(new { text = Article, title = "Power cuts after the storm" }, new { ratio = 1.0 });

        Assert.Equal(9, output.Sentences.Count);
        Assert.DoesNotContain(output.Sentences, s => s.Text.StartsWith("Storm closes", StringComparison.Ordinal));
    }

    private async Task<SummarizeOutput> RunAsync(object input, object? options, IDictionary<string, string?>? settings = null)
    {
        var request = new TaskRequest(JsonSerializer.SerializeToElement(input), options is null ? null : JsonSerializer.SerializeToElement(options));
        var json = await _task.ExecuteAsync(request, backbone.Context(settings), CancellationToken.None);
        return json.Deserialize<SummarizeOutput>(TaskJson.Options)!;
    }
}
