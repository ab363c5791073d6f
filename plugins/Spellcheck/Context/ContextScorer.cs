using System.Numerics.Tensors;
using NlpHost.Tasks.Spellcheck.Correction;

namespace NlpHost.Tasks.Spellcheck.Context;

/// <summary>
/// Chooses among each questioned word's candidates with the context head (rows from <see cref="ContextRowBuilder"/>),
/// ranking them by the head's probability. An unknown word takes the head's best; a known word is replaced only when
/// another word reaches <see cref="ContextSettings.RealWordThreshold"/>. A word without context keeps the noisy channel's choice.
/// </summary>
internal sealed class ContextScorer(ContextRowBuilder rowBuilder, ContextHead head, ContextSettings settings)
{
    // Suspects scored together: one backbone batch and one head run each, so a long text is not held all at once.
    private const int ChunkSize = 128;

    public async Task<IReadOnlyList<Choice>> ChooseAsync(CorrectionPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);

        // A word alone (no other word in its window) has no context to read: on such words the head, trained on
        // synthetic slips, ranks human misspellings worse than the noisy channel does (plugins/Spellcheck/README.md).
        var choices = plan.Suspects.Select(Choice.NoisyChannel).ToArray();
        // A run-together pair ("inthe") is left to the noisy channel too: the head was never shown one.
        var inContext = Enumerable.Range(0, plan.Suspects.Count)
            .Where(i => !plan.Suspects[i].Candidates[0].Parts.IsSplit
                && SentenceWindow.Around(plan.Tokens, plan.Suspects[i].Token, settings.WindowWords).Words > 1).ToList();
        foreach (var chunk in inContext.Chunk(ChunkSize))
        {
            var part = plan with { Suspects = [.. chunk.Select(i => plan.Suspects[i])] };
            var chosen = await ChooseChunkAsync(part, cancellationToken).ConfigureAwait(false);
            for (var j = 0; j < chunk.Length; j++)
            {
                choices[chunk[j]] = chosen[j];
            }
        }

        return choices;
    }

    private async Task<List<Choice>> ChooseChunkAsync(CorrectionPlan plan, CancellationToken cancellationToken)
    {
        var inputs = await rowBuilder.BuildAsync(plan, cancellationToken).ConfigureAwait(false);
        var total = inputs.Sum(s => s.Count);
        var rows = new float[total * rowBuilder.Width];
        var at = 0;
        foreach (var s in inputs)
        {
            s.Rows.CopyTo(rows, at);
            at += s.Rows.Length;
        }

        var logits = await head.LogitsAsync(rows, total, cancellationToken).ConfigureAwait(false);
        var choices = new List<Choice>(inputs.Count);
        var offset = 0;
        for (var i = 0; i < inputs.Count; i++)
        {
            choices.Add(Choose(plan.Suspects[i], logits.AsSpan(offset, inputs[i].Count)));
            offset += inputs[i].Count;
        }

        return choices;
    }

    private Choice Choose(Suspect suspect, ReadOnlySpan<float> logits)
    {
        var probabilities = new float[logits.Length];
        TensorPrimitives.SoftMax(logits, probabilities);

        // The head reorders the first candidates; the rest keep the noisy channel's order behind them.
        var order = Enumerable.Range(0, logits.Length).OrderByDescending(i => probabilities[i]).Concat(Enumerable.Range(logits.Length, suspect.Candidates.Count - logits.Length)).ToList();
        var confidence = probabilities[order[0]];
        var keep = suspect.Kind == SuspectKind.Confusable && (order[0] == suspect.TypedIndex || confidence < settings.RealWordThreshold);
        return keep ? Choice.Keep : new Choice(order, confidence);
    }
}
