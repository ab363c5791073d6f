using NlpHost.Tasks.Translation.Text;

namespace NlpHost.Tasks.Translation.Tests;

public sealed class SentenceSplitterTests
{
    [Fact]
    public void Sentences_end_at_punctuation_followed_by_a_capital_and_not_after_abbreviations()
    {
        const string text = "Mr. Smith went to Washington. He arrived at 3.30 p.m. on Monday! Did he? \"Yes.\" Then J. R. left.";

        var sentences = SentenceSplitter.Split(text).Select(s => text.Substring(s.Start, s.Length)).ToList();

        Assert.Equal(["Mr. Smith went to Washington.", "He arrived at 3.30 p.m. on Monday!", "Did he?", "\"Yes.\"", "Then J. R. left."], sentences);
    }

    [Fact]
    public void Reassembly_keeps_paragraphs_line_breaks_and_indentation()
    {
        const string text = "  First one. Second one.\n\nNew paragraph here.\r\n\tIndented line\n";
        var spans = SentenceSplitter.Split(text);

        var result = SentenceSplitter.Reassemble(text, spans, [.. spans.Select((_, i) => $"<{i}>")]);

        Assert.Equal(4, spans.Count);
        Assert.Equal("  <0> <1>\n\n<2>\r\n\t<3>\n", result);
    }

    [Fact]
    public void Cjk_full_stops_split_without_spaces_and_whitespace_only_text_has_no_sentences()
    {
        Assert.Equal(2, SentenceSplitter.Split("駅は公園の北にあります。電車は十分ごとに来ます。").Count);
        Assert.Empty(SentenceSplitter.Split(" \n\t "));
    }
}
