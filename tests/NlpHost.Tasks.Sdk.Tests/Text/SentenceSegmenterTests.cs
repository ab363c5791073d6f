using NlpHost.Tasks.Sdk.Text;

namespace NlpHost.Tasks.Sdk.Tests.Text;

public sealed class SentenceSegmenterTests
{
    private static string[] Split(string text) => [.. SentenceSegmenter.Split(text).Select(s => s.Of(text))];

    [Theory]
    [InlineData("Dr. Smith met Mr. Jones on Monday. They talked.", "Dr. Smith met Mr. Jones on Monday.|They talked.")]
    [InlineData("Talks in the U.S. ended. The U.K. joined, e.g. on trade.", "Talks in the U.S. ended.|The U.K. joined, e.g. on trade.")]
    [InlineData("Shares rose 2.5% to $1.30 on Friday. Profit was 3.2bn.", "Shares rose 2.5% to $1.30 on Friday.|Profit was 3.2bn.")]
    [InlineData("J. K. Rowling lives at No. 5 Main St. in town. She writes.", "J. K. Rowling lives at No. 5 Main St. in town.|She writes.")]
    [InlineData("Visit amazon.com now. It sells books.", "Visit amazon.com now.|It sells books.")]
    [InlineData("Apple Inc. makes phones. Acme Inc. sued.", "Apple Inc. makes phones.|Acme Inc. sued.")]
    [InlineData("We met at 10 a.m. and left. Then we ate.", "We met at 10 a.m. and left.|Then we ate.")]
    [InlineData("Dr. Jane Smith of the U.S. Food and Drug Administration said the drug was safe. Shares rose.", "Dr. Jane Smith of the U.S. Food and Drug Administration said the drug was safe.|Shares rose.")]
    [InlineData("She moved to the U.S. He stayed in London.", "She moved to the U.S.|He stayed in London.")]
    [InlineData("Acme Inc. Chief Executive Jo Ray quit. The board met.", "Acme Inc. Chief Executive Jo Ray quit.|The board met.")]
    [InlineData("Rates fell on Jan. 5 and rose in Feb. The bank waited.", "Rates fell on Jan. 5 and rose in Feb.|The bank waited.")]
    [InlineData("He lives at No. 10 Downing St. in London. Cats, dogs, etc. Then more.", "He lives at No. 10 Downing St. in London.|Cats, dogs, etc.|Then more.")]
    [InlineData("Growth was 0.3 per cent in Q3. It was 1.25% a year earlier.", "Growth was 0.3 per cent in Q3.|It was 1.25% a year earlier.")]
    [InlineData("The CEO, i.e. Mr. Brown, spoke at 9 p.m. on Friday. Then he left.", "The CEO, i.e. Mr. Brown, spoke at 9 p.m. on Friday.|Then he left.")]
    public void Abbreviations_initials_and_decimals_do_not_end_sentences(string text, string expected) =>
        Assert.Equal(expected.Split('|'), Split(text));

    [Theory]
    [InlineData("Die Wahl findet am 3. Oktober statt. Das ist z.B. neu.", "Die Wahl findet am 3. Oktober statt.|Das ist z.B. neu.")]
    [InlineData("\u201eWir sind froh.\u201c Die Preise stiegen.", "\u201eWir sind froh.\u201c|Die Preise stiegen.")]
    [InlineData("¿Dónde está? ¡Aquí! El Sr. Pérez llegó.", "¿Dónde está?|¡Aquí!|El Sr. Pérez llegó.")]
    [InlineData("यह एक वाक्य है। यह दूसरा है॥ तीसरा", "यह एक वाक्य है।|यह दूसरा है॥|तीसरा")]
    [InlineData("هذا سؤال؟ هذه جملة۔ النهاية", "هذا سؤال؟|هذه جملة۔|النهاية")]
    [InlineData("北京今天下雨。天气很冷！你去吗？", "北京今天下雨。|天气很冷！|你去吗？")]
    public void Other_languages_sentence_ends_quotes_and_abbreviations(string text, string expected) =>
        Assert.Equal(expected.Split('|'), Split(text));

    [Theory]
    [InlineData("He said: \"We are delighted.\" Prices rose.", "He said: \"We are delighted.\"|Prices rose.")]
    [InlineData("\u201cIt works!\u201d she said. \u201cReally?\u201d he asked.", "\u201cIt works!\u201d she said.|\u201cReally?\u201d he asked.")]
    [InlineData("Wait... what happened? Nothing!", "Wait... what happened?|Nothing!")]
    [InlineData("(This is an aside.) The main point follows.", "(This is an aside.)|The main point follows.")]
    public void Quotes_and_brackets_stay_with_their_sentence(string text, string expected) =>
        Assert.Equal(expected.Split('|'), Split(text));

    [Fact]
    public void Blank_lines_end_paragraphs_and_list_items_are_segments()
    {
        const string text = "Shopping list\n\nWe need:\n- eggs\n- milk and bread\n1. First step\n2) Second step\n\nThat is all";

        var sentences = SentenceSegmenter.Split(text);

        Assert.Equal(["Shopping list", "We need:", "- eggs", "- milk and bread", "1. First step", "2) Second step", "That is all"], sentences.Select(s => s.Of(text)));
        Assert.Equal([0, 1, 1, 1, 1, 1, 2], sentences.Select(s => s.Paragraph));
        Assert.True(sentences[0].IsHeading);
        Assert.False(sentences[1].IsHeading);
    }

    [Fact]
    public void A_single_line_break_inside_a_paragraph_is_a_space()
    {
        Assert.Equal(["A sentence that wraps\nonto a second line.", "Another."], Split("A sentence that wraps\nonto a second line. Another."));
    }

    [Fact]
    public void Sentences_glued_without_a_space_are_split_but_not_domains_or_acronyms()
    {
        Assert.Equal(["The bank said.", "The markets fell at amazon.com and in the U.S. today."],
            Split("The bank said.The markets fell at amazon.com and in the U.S. today."));
    }

    [Fact]
    public void Lower_cased_news_with_a_title_line_is_split_as_in_the_bbc_data()
    {
        const string text = "uk economy facing 'major risks'\n\nthe uk manufacturing sector will continue to face \"serious challenges\", the bcc said. "
            + "it forecast growth will slow from 3% in 2004 to 2.5% in 2005. dr. jones agreed.\n\nmanufacturers' sales fell.\n";

        var sentences = SentenceSegmenter.Split(text);

        Assert.Equal(
            ["uk economy facing 'major risks'", "the uk manufacturing sector will continue to face \"serious challenges\", the bcc said.",
             "it forecast growth will slow from 3% in 2004 to 2.5% in 2005.", "dr. jones agreed.", "manufacturers' sales fell."],
            sentences.Select(s => s.Of(text)));
        Assert.True(sentences[0].IsHeading);
    }

    [Fact]
    public void Scripts_without_spaces_between_sentences_are_split()
    {
        Assert.Equal(["駅は公園の北にあります。", "電車は十分ごとに来ます！", "本当ですか？"], Split("駅は公園の北にあります。電車は十分ごとに来ます！本当ですか？"));
        Assert.Equal(["Москва — столица России.", "Она большая."], Split("Москва — столица России. Она большая."));
    }

    [Fact]
    public void Offsets_index_the_original_characters_with_crlf_emoji_and_accents()
    {
        const string text = "  Café owners 😀 cheered.\r\n\r\nNaïve plans failed!\r\nZoë left.  ";

        var sentences = SentenceSegmenter.Split(text);

        Assert.Equal(["Café owners 😀 cheered.", "Naïve plans failed!", "Zoë left."], sentences.Select(s => text.Substring(s.Start, s.Length)));
        Assert.Equal(text.IndexOf("Naïve", StringComparison.Ordinal), sentences[1].Start);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\n  ")]
    [InlineData("... !!! ---")]
    public void Text_without_words_has_no_sentences(string text) => Assert.Empty(SentenceSegmenter.Split(text));

    [Fact]
    public void A_long_run_without_punctuation_is_cut_at_spaces()
    {
        var text = string.Join(' ', Enumerable.Repeat("word", 2000));

        var sentences = SentenceSegmenter.Split(text);

        Assert.True(sentences.Count > 1);
        Assert.All(sentences, s => Assert.True(s.Length <= SegmenterOptions.DefaultMaxChars));
        Assert.All(sentences, s => Assert.Equal("word", text.Substring(s.Start, 4)));
        Assert.Equal(2000, sentences.Sum(s => Word.Count(s.Of(text))));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_title_an_initialism_and_a_lower_case_verb_keep_one_sentence_in_both_behaviours(bool lines)
    {
        const string text = "Dr. Jane Smith of the U.S. said so. Then she left.";

        var sentences = SentenceSegmenter.Split(text, lines ? SegmenterOptions.Lines : SegmenterOptions.Prose).Select(s => s.Of(text));

        Assert.Equal(["Dr. Jane Smith of the U.S. said so.", "Then she left."], sentences);
    }

    [Fact]
    public void Line_by_line_ends_a_sentence_at_every_line_break_and_leaves_only_whitespace_between_sentences()
    {
        const string text = "  First one. Second one.\n\nNew paragraph here.\r\n\tIndented line\nstill going\n";

        var sentences = SentenceSegmenter.Split(text, SegmenterOptions.Lines);

        Assert.Equal(["First one.", "Second one.", "New paragraph here.", "Indented line", "still going"], sentences.Select(s => s.Of(text)));
        Assert.Equal([0, 0, 1, 1, 1], sentences.Select(s => s.Paragraph));
        var gaps = sentences.Zip(sentences.Skip(1), (a, b) => text[a.End..b.Start]);
        Assert.All(gaps, gap => Assert.True(string.IsNullOrWhiteSpace(gap), $"'{gap}'"));
    }

    [Fact]
    public void Prose_joins_a_single_line_break_inside_a_paragraph()
    {
        const string text = "Indented line\nstill going.";

        Assert.Single(SentenceSegmenter.Split(text, SegmenterOptions.Prose));
        Assert.Equal(2, SentenceSegmenter.Split(text, SegmenterOptions.Lines).Count);
    }

    [Fact]
    public void Abbreviations_times_and_initials_do_not_end_sentences_line_by_line()
    {
        const string text = "Mr. Smith went to Washington. He arrived at 3.30 p.m. on Monday! Did he? \"Yes.\" Then J. R. left.";

        var sentences = SentenceSegmenter.Split(text, SegmenterOptions.Lines).Select(s => s.Of(text));

        Assert.Equal(["Mr. Smith went to Washington.", "He arrived at 3.30 p.m. on Monday!", "Did he?", "\"Yes.\"", "Then J. R. left."], sentences);
    }

    [Fact]
    public void Cjk_full_stops_split_without_spaces_and_whitespace_only_text_has_no_sentences()
    {
        Assert.Equal(2, SentenceSegmenter.Split("駅は公園の北にあります。電車は十分ごとに来ます。", SegmenterOptions.Lines).Count);
        Assert.Empty(SentenceSegmenter.Split(" \n\t ", SegmenterOptions.Lines));
    }

    [Fact]
    public void A_maximum_below_two_characters_is_refused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => SentenceSegmenter.Split("Hi.", new SegmenterOptions { MaxChars = 1 }));

        Assert.Contains("MaxChars", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Line_by_line_keeps_a_long_sentence_whole()
    {
        var text = string.Join(' ', Enumerable.Repeat("word", 2000)) + ".";

        Assert.Equal(text.Length, Assert.Single(SentenceSegmenter.Split(text, SegmenterOptions.Lines)).Length);
    }
}
