using NlpHost.Testing;

namespace NlpHost.Inference.Tests;

public sealed class TokenizationTests(RealBackbone fixture) : IClassFixture<RealBackbone>
{
    [Fact]
    public void Spans_point_at_the_original_characters_through_accents_emoji_and_crlf()
    {
        const string text = "Café NAÏVE\r\nZoë says: 😀 東京!";
        var tokens = fixture.Backbone.Tokenize(text);
        var pieces = tokens.Spans.Select(s => text.Substring(s.Start, s.Length)).ToArray();

        Assert.Equal(fixture.Backbone.Tokenize("cafe naive zoe says").Ids, tokens.Ids.Take(tokens.Count - 5));
        Assert.Equal(["😀", "東", "京", "!"], pieces[^4..]);
        Assert.Equal("Café", pieces[0]);
        Assert.Equal("NAÏVE", string.Concat(pieces.Skip(1).TakeWhile(p => p != "Zoë" && !p.StartsWith('Z'))));
        Assert.Contains(":", pieces);
        Assert.DoesNotContain(pieces, p => p.Contains('\r') || p.Contains('\n') || p.Contains(' '));
        Assert.True(tokens.Spans.Zip(tokens.Spans.Skip(1)).All(p => p.First.End <= p.Second.Start));
    }

    [Fact]
    public void Decomposed_accents_map_back_to_base_letter_and_mark()
    {
        const string text = "cafe\u0301 ok";
        var tokens = fixture.Backbone.Tokenize(text);

        Assert.Equal(fixture.Backbone.Tokenize("cafe ok").Ids, tokens.Ids);
        Assert.Equal(new Abstractions.Backbone.TextSpan(0, 4), tokens.Spans[0]);
    }

    [Fact]
    public void Windows_overlap_and_cover_a_long_text()
    {
        var text = string.Join(" ", Enumerable.Range(0, 300).Select(i => $"word{i}, déjà vu."));
        var all = fixture.Backbone.Tokenize(text);
        var windows = fixture.Backbone.TokenizeWindows(text, 64, 48);

        Assert.True(windows.Count > 1);
        Assert.All(windows, w => Assert.InRange(w.Count, 1, 64));
        Assert.Equal(all.Spans[0], windows[0].Spans[0]);
        Assert.Equal(all.Spans[^1], windows[^1].Spans[^1]);
        for (var i = 0; i < windows.Count; i++)
        {
            Assert.Equal(all.Ids.Skip(i * 48).Take(windows[i].Count), windows[i].Ids);
        }
    }

    [Fact]
    public void Short_text_is_a_single_window_and_empty_text_has_no_pieces()
    {
        Assert.Single(fixture.Backbone.TokenizeWindows("Just a few words.", 64, 32));
        Assert.Equal(0, fixture.Backbone.Tokenize("").Count);
    }
}
