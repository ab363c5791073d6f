using NlpHost.Abstractions.Backbone;
using NlpHost.Tasks.Spelling.Correction;

namespace NlpHost.Tasks.Spelling.Context;

/// <summary>One questioned word's head input: a row per candidate (the first <see cref="Count"/> candidates).</summary>
internal sealed record SuspectRows(float[] Rows, int Count, bool HasContext);

/// <summary>
/// Builds the context head's input rows: encodes each questioned word's sentence (a window of it) once on the
/// shared backbone, takes the word's hidden state (mean of its pieces), and pairs it with each candidate's own
/// embedding and the noisy channel's evidence (<see cref="ContextFeatures"/>).
/// </summary>
internal sealed class ContextRowBuilder(IBackbone backbone, CandidateEmbeddings embeddings, ContextSettings settings)
{
    public int Width => (2 * backbone.Info.HiddenSize) + ContextFeatures.Count;

    /// <summary>The head's input rows for every suspect of the plan, in plan order (the training dump writes the same).</summary>
    public async Task<List<SuspectRows>> BuildAsync(CorrectionPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var contexts = await ContextVectorsAsync(plan, cancellationToken).ConfigureAwait(false);
        var words = plan.Suspects.SelectMany(s => s.Candidates.Take(Kept(s)).Select(c => c.Text)).ToList();
        var vectors = await embeddings.GetAsync(words, cancellationToken).ConfigureAwait(false);
        var hidden = backbone.Info.HiddenSize;
        var result = new List<SuspectRows>(plan.Suspects.Count);
        var w = 0;
        for (var s = 0; s < plan.Suspects.Count; s++)
        {
            var suspect = plan.Suspects[s];
            var (context, hasContext) = contexts[s];
            var count = Kept(suspect);
            var rows = new float[count * Width];
            for (var c = 0; c < count; c++)
            {
                var row = rows.AsSpan(c * Width, Width);
                context.CopyTo(row);
                vectors[w++].CopyTo(row[hidden..]);
                ContextFeatures.Write(row[(2 * hidden)..], suspect, c, hasContext);
            }

            result.Add(new SuspectRows(rows, count, hasContext));
        }

        return result;
    }

    // A confusable word keeps its whole set: the typed word must be among the rows.
    private int Kept(Suspect suspect) => suspect.Kind == SuspectKind.Confusable ? suspect.Candidates.Count : Math.Min(settings.Candidates, suspect.Candidates.Count);

    private async Task<List<(float[] Vector, bool HasContext)>> ContextVectorsAsync(CorrectionPlan plan, CancellationToken cancellationToken)
    {
        var windows = plan.Suspects.Select(s => SentenceWindow.Around(plan.Tokens, s.Token, settings.WindowWords)).ToList();
        var distinct = windows.Distinct().ToList();
        var tokenized = distinct.Select(w => backbone.Tokenize(w.Of(plan.Text, plan.Tokens))).ToList();
        var limit = backbone.Info.MaxSequenceLength - 2;
        var inputs = tokenized.Select(t => new EncoderInput([backbone.Info.ClsTokenId, .. t.Ids.Take(limit), backbone.Info.SepTokenId])).ToList();
        var states = await backbone.EncodeAsync(inputs, cancellationToken).ConfigureAwait(false);
        var result = new List<(float[], bool)>(plan.Suspects.Count);
        for (var s = 0; s < plan.Suspects.Count; s++)
        {
            var window = windows[s];
            var w = distinct.IndexOf(window);
            var token = plan.Tokens[plan.Suspects[s].Token];
            var start = token.Start - plan.Tokens[window.First].Start;
            result.Add((MeanOver(states[w], tokenized[w].Spans, start, start + token.Length, limit), window.Words > 1));
        }

        return result;
    }

    // Mean of the hidden states of the pieces inside [start, end); the [CLS] state if truncation cut them all.
    private static float[] MeanOver(HiddenStates states, TextSpan[] spans, int start, int end, int limit)
    {
        var vector = new float[states.Size];
        var n = 0;
        for (var p = 0; p < Math.Min(spans.Length, limit); p++)
        {
            if (spans[p].Start < end && spans[p].End > start)
            {
                System.Numerics.Tensors.TensorPrimitives.Add(vector, states.Token(p + 1), vector);
                n++;
            }
        }

        if (n == 0)
        {
            states.Token(0).CopyTo(vector);
            return vector;
        }

        System.Numerics.Tensors.TensorPrimitives.Divide(vector, n, vector);
        return vector;
    }
}
