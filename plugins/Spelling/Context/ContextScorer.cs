using NlpHost.Tasks.Spelling.Correction;

namespace NlpHost.Tasks.Spelling.Context;

/// <summary>
/// Chooses among each questioned word's candidates with the context head (rows from <see cref="ContextRowBuilder"/>),
/// ranking them by the head's probability. An unknown word
/// takes the head's best; a known word is replaced only when another word reaches <see cref="ContextSettings.RealWordThreshold"/>.
/// </summary>
internal sealed class ContextScorer(ContextRowBuilder rowBuilder, ContextHead head, ContextSettings settings)
{
    // Suspects scored together: one backbone batch and one head run each, so a long text is not held all at once.
    private const int ChunkSize = 128;

    public async Task<IReadOnlyList<Choice>> ChooseAsync(CorrectionPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var choices = new List<Choice>(plan.Suspects.Count);
        for (var first = 0; first < plan.Suspects.Count; first += ChunkSize)
        {
            var chunk = plan with { Suspects = plan.Suspects.GetRange(first, Math.Min(ChunkSize, plan.Suspects.Count - first)) };
            choices.AddRange(await ChooseChunkAsync(chunk, cancellationToken).ConfigureAwait(false));
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
        var max = float.NegativeInfinity;
        foreach (var l in logits)
        {
            max = Math.Max(max, l);
        }

        var probabilities = new double[logits.Length];
        var sum = 0.0;
        for (var i = 0; i < logits.Length; i++)
        {
            sum += probabilities[i] = Math.Exp(logits[i] - max);
        }

        // The head reorders the first candidates; the rest keep the noisy channel's order behind them.
        var order = Enumerable.Range(0, logits.Length).OrderByDescending(i => probabilities[i]).Concat(Enumerable.Range(logits.Length, suspect.Candidates.Count - logits.Length)).ToList();
        var confidence = probabilities[order[0]] / sum;
        var keep = suspect.Kind == SuspectKind.Confusable && (order[0] == suspect.TypedIndex || confidence < settings.RealWordThreshold);
        return keep ? Choice.Keep : new Choice(order, confidence);
    }
}
