using NlpHost.Tasks.Spellcheck.Text;

namespace NlpHost.Tasks.Spellcheck.Tests;

public sealed class TextScannerTests
{
    [Theory]
    [InlineData("see https://exmaple.com/pth?q=1 now", "https://exmaple.com/pth?q=1", "Url")]
    [InlineData("see www.exmaple.com.", "www.exmaple.com", "Url")]
    [InlineData("mail jon.doe@exmple.org today", "jon.doe@exmple.org", "Email")]
    [InlineData("it costs 3.14 dollars", "3.14", "Number")]
    [InlineData("the 2nd time", "2nd", "Number")]
    [InlineData("call parse_args() first", "parse_args", "CodeLike")]
    [InlineData("open config.yaml now", "config.yaml", "CodeLike")]
    [InlineData("the NASA budget", "NASA", "Acronym")]
    [InlineData("my iPhone broke", "iPhone", "MixedCase")]
    [InlineData("a naïve view", "naïve", "Foreign")]
    public void Non_prose_tokens_are_recognised_with_their_offsets(string text, string token, string kind)
    {
        var tokens = TextScanner.Scan(text);

        var found = Assert.Single(tokens, t => t.Kind == Enum.Parse<TokenKind>(kind));
        Assert.Equal(token, text.Substring(found.Start, found.Length));
    }

    [Fact]
    public void Words_keep_inner_apostrophes_and_split_at_hyphens()
    {
        const string text = "\"Don't\" well-known";

        var words = TextScanner.Scan(text).Select(t => text.Substring(t.Start, t.Length)).ToList();

        Assert.Equal(["Don't", "well", "known"], words);
    }

    [Fact]
    public void Sentence_starts_follow_end_punctuation()
    {
        const string text = "One two. Three? \"Four\" five";

        var starts = TextScanner.Scan(text).Where(t => t.SentenceStart).Select(t => text.Substring(t.Start, t.Length)).ToList();

        Assert.Equal(["One", "Three", "Four"], starts);
    }
}
