using NlpHost.Tasks.QuestionAnswering.Runtime;
using NlpHost.Testing;

namespace NlpHost.Tasks.QuestionAnswering.Tests;

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
