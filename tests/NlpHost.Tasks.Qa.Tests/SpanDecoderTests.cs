using NlpHost.Tasks.Qa.Runtime;
using NlpHost.Testing;

namespace NlpHost.Tasks.Qa.Tests;

/// <summary>
/// Decoding on real tokenization with logits made to point at known pieces: what is tested is the mapping from
/// pieces back to the original characters and across windows, not a model.
/// </summary>
public sealed class SpanDecoderTests(RealBackbone backbone) : IClassFixture<RealBackbone>
{
    [Theory]
    [InlineData("Zoë met Ünal at the Café Crème 😀 in\r\nSão Paulo in 1999.", "São Paulo")]
    [InlineData("Zoë met Ünal at the Café Crème 😀 in\r\nSão Paulo in 1999.", "Café Crème 😀")]
    [InlineData("Line one.\r\nThe answer is naïve résumé writing.\r\n", "naïve résumé")]
    public void Answers_map_back_to_the_exact_characters_of_the_context(string context, string answer)
    {
        var windows = QaWindow.Build(backbone.Backbone, "What?", context, stride: 64);

        var decoded = Decode(context, windows, context.IndexOf(answer, StringComparison.Ordinal), answer.Length);

        Assert.Equal(answer, context[decoded.Start..decoded.End]);
    }

    [Fact]
    public void An_answer_near_the_end_of_a_long_context_is_found_in_a_later_window()
    {
        var filler = string.Concat(Enumerable.Range(0, 600).Select(i => $"Sentence {i} says nothing of interest. "));
        var context = filler + "The treasure is buried under the old oak tree.";
        var windows = QaWindow.Build(backbone.Backbone, "Where is the treasure?", context, stride: 128);

        var decoded = Decode(context, windows, context.IndexOf("old oak", StringComparison.Ordinal), "old oak".Length);

        Assert.True(windows.Count > 10, $"{windows.Count} windows");
        Assert.Equal("old oak", context[decoded.Start..decoded.End]);
    }

    [Fact]
    public void Spans_longer_than_the_limit_or_ending_before_they_start_are_never_returned()
    {
        const string context = "alpha beta gamma delta epsilon zeta eta theta";
        var window = Assert.Single(QaWindow.Build(backbone.Backbone, "Which?", context, stride: 64));
        var start = Logits(window, 7);
        var end = Logits(window, 0);

        var candidates = SpanDecoder.Decode(context, [(window, start, end)], maxAnswerTokens: 3, topK: 50);

        Assert.All(candidates, c => Assert.True(c.End > c.Start));
        Assert.All(candidates, c => Assert.True(context[c.Start..c.End].Split(' ').Length <= 3, context[c.Start..c.End]));
    }

    [Fact]
    public void A_span_never_starts_or_ends_inside_a_word_even_when_the_logits_point_there()
    {
        const string context = "The firm was founded by Lindqvist and Hammarström in Göteborg.";
        var window = Assert.Single(QaWindow.Build(backbone.Backbone, "Who founded it?", context, stride: 64));
        var pieces = window.ContextSpans;
        var lind = Array.FindIndex(pieces, p => p.Start == context.IndexOf("Lindqvist", StringComparison.Ordinal));
        Assert.True(pieces[lind].End < context.IndexOf(" and", StringComparison.Ordinal), "the tokenizer splits Lindqvist into pieces (else the test proves nothing)");
        var start = Logits(window, lind);
        var end = Logits(window, lind); // the end points at the first piece, inside the word

        var candidates = SpanDecoder.Decode(context, [(window, start, end)], maxAnswerTokens: 30, topK: 50);

        Assert.NotEmpty(candidates);
        Assert.DoesNotContain(candidates, c => context[c.Start..c.End] == "Lind" || context[c.Start..c.End].StartsWith("qvist", StringComparison.Ordinal));
        foreach (var c in candidates)
        {
            Assert.False(WordBoundaries.IsInsideWord(context, c.Start), $"'{context[c.Start..c.End]}' starts inside a word");
            Assert.False(WordBoundaries.IsInsideWord(context, c.End), $"'{context[c.Start..c.End]}' ends inside a word");
        }

        Assert.Equal("Lindqvist", context[candidates[0].Start..candidates[0].End]);
    }

    [Theory]
    [InlineData("Lindqvist", 4, true)]
    [InlineData("Lindqvist", 0, false)]
    [InlineData("Lindqvist", 9, false)]
    [InlineData("Luther's", 6, false)]
    [InlineData("in 1999.", 7, false)]
    [InlineData("Café Crème", 3, true)]
    [InlineData("東京駅", 1, false)]
    [InlineData("a😀b", 1, false)]
    public void Word_boundaries_follow_the_original_text(string text, int position, bool inside)
    {
        Assert.Equal(inside, WordBoundaries.IsInsideWord(text, position));
    }

    [Fact]
    public void Top_k_answers_are_distinct_none_a_substring_of_another()
    {
        const string context = "The game was won by the Denver Broncos, who beat the Carolina Panthers 24 to 10.";
        var window = Assert.Single(QaWindow.Build(backbone.Backbone, "Who won?", context, stride: 64));
        var pieces = window.ContextSpans;
        int Piece(string word) => Array.FindIndex(pieces, p => p.Start == context.IndexOf(word, StringComparison.Ordinal));
        var start = new float[window.Input.Ids.Length];
        var end = new float[window.Input.Ids.Length];
        // Starts on "the", "Denver", "Broncos" and "Carolina"; ends on "Broncos" and "Panthers": overlapping spans galore.
        foreach (var (word, logit) in new[] { ("the Denver", 9f), ("Denver", 10f), ("Broncos", 8f), ("Carolina", 7f) })
        {
            start[window.ContextOffset + Piece(word)] = logit;
        }

        end[window.ContextOffset + Piece("Broncos")] = 10;
        end[window.ContextOffset + Piece("Panthers")] = 7;

        var candidates = SpanDecoder.Decode(context, [(window, start, end)], maxAnswerTokens: 30, topK: 5);

        var texts = candidates.Select(c => context[c.Start..c.End]).ToList();
        Assert.Equal("Denver Broncos", texts[0]);
        Assert.True(texts.Count >= 2, string.Join(" | ", texts));
        for (var i = 0; i < texts.Count; i++)
        {
            for (var j = 0; j < texts.Count; j++)
            {
                Assert.True(i == j || !texts[i].Contains(texts[j], StringComparison.OrdinalIgnoreCase), $"'{texts[j]}' is inside '{texts[i]}'");
            }
        }
    }

    // Logits that put the start on the first piece of the answer and the end on its last piece, in every window holding them.
    private static SpanDecoder.Candidate Decode(string context, IReadOnlyList<QaWindow> windows, int answerStart, int answerLength)
    {
        var inputs = windows.Select(w =>
        {
            var pieces = Enumerable.Range(0, w.ContextSpans.Length)
                .Where(i => w.ContextSpans[i].Start >= answerStart && w.ContextSpans[i].End <= answerStart + answerLength).ToList();
            return pieces.Count == 0
                ? (w, Logits(w, -1), Logits(w, -1))
                : (w, Logits(w, pieces[0]), Logits(w, pieces[^1]));
        }).ToList();
        return SpanDecoder.Decode(context, inputs, maxAnswerTokens: 30, topK: 1)[0];
    }

    private static float[] Logits(QaWindow window, int contextPiece)
    {
        var logits = new float[window.Input.Ids.Length];
        if (contextPiece >= 0)
        {
            logits[window.ContextOffset + contextPiece] = 20;
        }

        return logits;
    }
}
