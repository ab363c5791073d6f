using NlpHost.Tasks.Summarize.Scoring;

namespace NlpHost.Tasks.Summarize.Tests;

public sealed class LengthBudgetTests
{
    [Fact]
    public void Highlights_never_shrink_as_documents_grow_and_stay_within_the_document()
    {
        var lengths = Enumerable.Range(1, 400).Select(LengthBudget.HighlightSentences).ToList();

        Assert.Equal(1, lengths[0]);
        Assert.All(lengths.Zip(lengths.Skip(1)), p => Assert.True(p.Second >= p.First));
        Assert.All(lengths.Select((k, i) => (k, n: i + 1)), x => Assert.InRange(x.k, 1, x.n));
        Assert.True(lengths[^1] > lengths[4], "a 400-sentence document gets more highlights than a 5-sentence one");
    }

    [Theory]
    [InlineData(null, null, null, "one-line", 40, 1)]
    [InlineData(5, null, null, null, 40, 5)]
    [InlineData(null, null, 0.5, null, 40, 20)]
    [InlineData(null, null, null, null, 40, 7, 7)]
    public void An_explicit_length_or_style_wins_over_the_default(int? sentences, int? words, double? ratio, string? style, int candidates, int expected, int? configured = null)
    {
        var budget = LengthBudget.From(new SummarizeOptions { Sentences = sentences, Words = words, Ratio = ratio, Style = style }, candidates, configured);

        Assert.Equal(expected, budget.Sentences);
    }

    [Fact]
    public void No_option_and_no_configured_default_is_the_highlights_length() =>
        Assert.Equal(LengthBudget.HighlightSentences(40), LengthBudget.From(new SummarizeOptions(), 40, null).Sentences);

    [Fact]
    public void Paragraph_is_about_twice_highlights_but_never_more_than_the_document()
    {
        Assert.Equal(Math.Min(30, 2 * LengthBudget.HighlightSentences(30)), LengthBudget.From(new SummarizeOptions { Style = "paragraph" }, 30, null).Sentences);
        Assert.Equal(2, LengthBudget.From(new SummarizeOptions { Style = "paragraph" }, 2, null).Sentences);
    }
}
