using System.Text;

namespace NlpHost.Tasks.Spellcheck.Tests;

public sealed class CorrectorTests(SpellcheckModelFixture fixture) : IClassFixture<SpellcheckModelFixture>
{
    private static readonly SpellcheckOptions Defaults = new();

    [Theory]
    [InlineData("the quik fox", "the quick fox")]
    [InlineData("Teh fox", "The fox")]
    [InlineData("THE QUIK BROWN FOX", "THE QUICK BROWN FOX")]
    [InlineData("Recieve it.", "Receive it.")]
    public void Corrections_keep_the_original_capitalisation(string text, string expected)
    {
        Assert.Equal(expected, fixture.Corrector.Correct(text, Defaults).Text);
    }

    [Fact]
    public void A_huge_word_is_left_alone_in_bounded_time()
    {
        var text = "teh " + new string('q', 300_000) + " fox";
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var output = fixture.Corrector.Correct(text, Defaults);

        // Generous for a loaded 2-core machine: the search over a word's splits took minutes at this size.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
        Assert.Equal("the " + new string('q', 300_000) + " fox", output.Text);
    }

    [Fact]
    public void Punctuation_spacing_and_line_breaks_are_kept_exactly()
    {
        const string text = "  Hello,   wrold!\r\n\n(speling) \"mistaek\"…\t";

        var output = fixture.Corrector.Correct(text, Defaults);

        Assert.Equal("  Hello,   world!\r\n\n(spelling) \"mistake\"…\t", output.Text);
        Assert.All(output.Corrections, c => Assert.Equal(c.Original, text.Substring(c.Start, c.Length)));
    }

    [Fact]
    public void Urls_emails_numbers_code_acronyms_and_names_are_left_alone()
    {
        const string text = "Visit https://exmaple.com/speling or www.exmaple.org, mail jon@exmple.org, pay 12.50 for 3x, " +
            "run parse_argz() in confg.yaml, ask NASAA and the IRSS; I met Jonh Smyth in Pariss.";

        var output = fixture.Corrector.Correct(text, Defaults);

        Assert.Empty(output.Corrections);
        Assert.Equal(text, output.Text);
    }

    [Theory]
    [InlineData("Correct text stays as it is.")]
    [InlineData("I don't think John's dog can't swim, but they're sure it won't.")]
    [InlineData("The committee met on Tuesday to discuss the budget for the new library.")]
    [InlineData("She said: \"We'll see.\" Then she left — quietly.")]
    [InlineData("He read l'homme aloud and said c'est tout.")]
    public void A_correct_sentence_is_unchanged(string text)
    {
        var output = fixture.Corrector.Correct(text, Defaults);

        Assert.Empty(output.Corrections);
        Assert.Equal(text, output.Text);
    }

    [Theory]
    [InlineData("she sat inthe garden", "she sat in the garden")]
    [InlineData("Inthe end", "In the end")]
    [InlineData("a nice accom modation here", "a nice accommodation here")]
    public void Run_together_words_are_split_and_broken_words_joined(string text, string expected)
    {
        Assert.Equal(expected, fixture.Corrector.Correct(text, Defaults).Text);
    }

    [Fact]
    public void Offsets_count_characters_of_the_original_text_with_accents_and_emoji()
    {
        const string text = "Café 😀 naïve — a gret idea, señor";

        var output = fixture.Corrector.Correct(text, Defaults);

        var correction = Assert.Single(output.Corrections);
        Assert.Equal(text.IndexOf("gret", StringComparison.Ordinal), correction.Start);
        Assert.Equal(4, correction.Length);
        Assert.Equal("Café 😀 naïve — a great idea, señor", output.Text);
    }

    [Fact]
    public void Empty_and_blank_texts_come_back_unchanged()
    {
        Assert.Equal("", fixture.Corrector.Correct("", Defaults).Text);
        Assert.Equal(" \n\t ", fixture.Corrector.Correct(" \n\t ", Defaults).Text);
        Assert.Empty(fixture.Corrector.Correct(" \n\t ", Defaults).Corrections);
    }

    [Fact]
    public void A_very_long_text_is_corrected_throughout_with_exact_offsets()
    {
        var text = new StringBuilder();
        for (var i = 0; i < 3000; i++)
        {
            text.Append("This sentense has one mistake. ");
        }

        var output = fixture.Corrector.Correct(text.ToString(), Defaults);

        Assert.Equal(3000, output.Corrections.Count);
        Assert.All(output.Corrections, c => Assert.Equal("sentense", text.ToString(c.Start, c.Length)));
        Assert.Equal(text.ToString().Replace("sentense", "sentence", StringComparison.Ordinal), output.Text);
    }

    [Fact]
    public void Each_correction_lists_ranked_alternatives_and_a_confidence()
    {
        var correction = Assert.Single(fixture.Corrector.Correct("a speling test", new SpellcheckOptions { Alternatives = 2 }).Corrections);

        Assert.Equal("spelling", correction.Replacement);
        Assert.Equal(2, correction.Alternatives.Count);
        Assert.DoesNotContain("spelling", correction.Alternatives);
        Assert.InRange(correction.Confidence, 0.0, 1.0);
    }

    [Fact]
    public void A_cancelled_run_stops_with_cancellation()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Throws<OperationCanceledException>(() => fixture.Corrector.Correct("a speling test", Defaults, cancelled.Token));
    }
}
