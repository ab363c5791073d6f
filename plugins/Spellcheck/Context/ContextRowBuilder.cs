using NlpHost.Abstractions.Backbone;
using NlpHost.Tasks.Spellcheck.Correction;

namespace NlpHost.Tasks.Spellcheck.Context;

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
        var pieces = new Dictionary<SentenceWindow, TokenizedText>();
        foreach (var window in windows)
        {
            if (!pieces.ContainsKey(window))
            {
                pieces[window] = backbone.Tokenize(window.Of(plan.Text, plan.Tokens));
            }
        }

        // Each suspect reads a slice of its window's pieces that holds its own pieces: the whole window when it fits
        // the backbone, else the longest run centred on the word (a long URL before it must not push it out).
        var limit = backbone.Info.MaxSequenceLength - 2;
        var slices = new List<(SentenceWindow Window, int First, int Count, int Own, int OwnEnd)>(plan.Suspects.Count);
        for (var s = 0; s < plan.Suspects.Count; s++)
        {
            var window = windows[s];
            var text = pieces[window];
            var token = plan.Tokens[plan.Suspects[s].Token];
            var (own, ownEnd) = PiecesOf(text.Spans, token.Start - plan.Tokens[window.First].Start, token.Length);
            var first = text.Count <= limit ? 0 : Math.Clamp(own - ((limit - Math.Min(ownEnd - own, limit)) / 2), 0, text.Count - limit);
            slices.Add((window, first, Math.Min(text.Count, limit), own, ownEnd));
        }

        var distinct = slices.Select(x => (x.Window, x.First, x.Count)).Distinct().ToList();
        var index = distinct.Select((key, i) => (key, i)).ToDictionary(x => x.key, x => x.i);
        var info = backbone.Info;
        var inputs = distinct.Select(d => new EncoderInput([info.ClsTokenId, .. pieces[d.Window].Ids.AsSpan(d.First, d.Count), info.SepTokenId])).ToList();
        var states = await backbone.EncodeAsync(inputs, cancellationToken).ConfigureAwait(false);
        var result = new List<(float[], bool)>(plan.Suspects.Count);
        foreach (var x in slices)
        {
            var encoded = states[index[(x.Window, x.First, x.Count)]];
            result.Add((MeanOver(encoded, Math.Max(x.Own, x.First) - x.First, Math.Min(x.OwnEnd, x.First + x.Count) - x.First), x.Window.Words > 1));
        }

        return result;
    }

    // The pieces overlapping [start, start + length) of the window text, as [first, end).
    private static (int First, int End) PiecesOf(TextSpan[] spans, int start, int length)
    {
        var first = -1;
        var end = 0;
        for (var p = 0; p < spans.Length; p++)
        {
            if (spans[p].Start < start + length && spans[p].End > start)
            {
                first = first < 0 ? p : first;
                end = p + 1;
            }
        }

        return first < 0 ? (0, 0) : (first, end);
    }

    // Mean of the hidden states of pieces [first, end) of the slice ([CLS] is row 0); the [CLS] state if the word has none.
    private static float[] MeanOver(HiddenStates states, int first, int end)
    {
        var vector = new float[states.Size];
        if (end <= first)
        {
            states.Token(0).CopyTo(vector);
            return vector;
        }

        for (var p = first; p < end; p++)
        {
            System.Numerics.Tensors.TensorPrimitives.Add(vector, states.Token(p + 1), vector);
        }

        System.Numerics.Tensors.TensorPrimitives.Divide(vector, end - first, vector);
        return vector;
    }
}
