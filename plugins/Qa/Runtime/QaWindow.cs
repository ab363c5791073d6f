using NlpHost.Abstractions.Backbone;

namespace NlpHost.Tasks.Qa.Runtime;

/// <summary>
/// One encoder sequence <c>[CLS] question [SEP] context-window [SEP]</c> and where its context pieces came from.
/// </summary>
/// <param name="Input">Ids and segment ids for the encoder.</param>
/// <param name="ContextOffset">Index of the first context piece in the sequence.</param>
/// <param name="ContextSpans">Character span, in the original context, of each context piece of this window.</param>
internal sealed record QaWindow(EncoderInput Input, int ContextOffset, TextSpan[] ContextSpans)
{
    /// <summary>Longest question kept, in word pieces; longer questions are cut (their end rarely matters).</summary>
    public const int MaxQuestionTokens = 64;

    /// <summary>Cuts a context into overlapping windows that fit the backbone together with the question.</summary>
    public static IReadOnlyList<QaWindow> Build(IBackbone backbone, string question, string context, int stride) =>
        Build(new BackboneTextTokenizer(backbone), backbone.Info.MaxSequenceLength, question, context, stride);

    /// <summary>Cuts a context into overlapping windows of at most <paramref name="maxSequenceLength"/> ids with the question.</summary>
    public static IReadOnlyList<QaWindow> Build(ITextTokenizer tokenizer, int maxSequenceLength, string question, string context, int stride)
    {
        var q = tokenizer.Tokenize(question).Ids.Take(MaxQuestionTokens).ToArray();
        var room = maxSequenceLength - q.Length - 3;
        var windows = tokenizer.TokenizeWindows(context, room, Math.Min(stride, room));
        return [.. windows.Select(w =>
        {
            int[] ids = [tokenizer.ClsTokenId, .. q, tokenizer.SepTokenId, .. w.Ids, tokenizer.SepTokenId];
            var types = new int[ids.Length];
            Array.Fill(types, 1, q.Length + 2, w.Ids.Length + 1);
            return new QaWindow(new EncoderInput(ids, types), q.Length + 2, w.Spans);
        })];
    }
}
