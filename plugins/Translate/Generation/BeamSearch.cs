using System.Numerics.Tensors;
using NlpHost.Abstractions.Backbone;

namespace NlpHost.Tasks.Translate.Generation;

/// <summary>One sentence to generate for: its encoder states, its length budget and its caller's cancellation.</summary>
internal sealed record SearchInput(HiddenStates Source, int MaxNewTokens, CancellationToken CancellationToken);

/// <summary>
/// Greedy (beam 1) and beam search over a batch of sentences, one decoder call per step for all of them. Beams follow
/// Hugging Face's beam scorer: each step keeps the best <c>2·beam</c> continuations, an end token ranked within the beam
/// finishes a hypothesis scored by log-probability / length^penalty, and a sentence is done once it holds
/// <c>beam</c> finished hypotheses that no live beam can beat, or at its length budget. Finished and cancelled
/// sentences leave the batch, so its cost follows the sentences still running.
/// </summary>
internal static class BeamSearch
{
    /// <summary>The best hypothesis per sentence (end token excluded); empty for a sentence cancelled on the way.</summary>
    public static async Task<Hypothesis[]> RunAsync(DecoderModel decoder, IReadOnlyList<SearchInput> inputs, GenerationSettings settings, SpecialTokens tokens, CancellationToken cancellationToken)
    {
        var beams = settings.BeamSize;
        var sentences = inputs.Select(i => new SentenceBeams(i.MaxNewTokens, beams)).ToArray();
        var sourceLength = inputs.Max(i => i.Source.Length);
        var active = Enumerable.Range(0, inputs.Count).ToList();
        var rows = active.SelectMany(_ => Enumerable.Range(0, beams).Select(b => new Row([], b == 0 ? 0 : double.NegativeInfinity))).ToList();
        var encoder = EncoderRows.Build([.. inputs.Select(i => i.Source)], active, beams, sourceLength);
        var cache = DecoderCache.Empty(rows.Count, decoder.Layers, decoder.Heads, decoder.HeadDim);
        for (var step = 1; active.Count > 0; step++)
        {
            var input = settings.UseCache
                ? rows.Select(r => (long)(r.Tokens.Count == 0 ? tokens.Start : r.Tokens[^1])).ToArray()
                : [.. rows.SelectMany(r => r.Tokens.Prepend(tokens.Start).Select(t => (long)t))];
            var result = await decoder.RunAsync(input, settings.UseCache ? 1 : step, encoder,
                settings.UseCache ? cache : DecoderCache.Empty(rows.Count, decoder.Layers, decoder.Heads, decoder.HeadDim), cancellationToken).ConfigureAwait(false);

            var nextRows = new List<Row>(rows.Count);
            var gather = new List<int>(rows.Count);
            var stillActive = new List<int>(active.Count);
            for (var a = 0; a < active.Count; a++)
            {
                var sentence = sentences[active[a]];
                if (inputs[active[a]].CancellationToken.IsCancellationRequested)
                {
                    continue;
                }

                var first = a * beams;
                var scores = LogProbabilities(result, rows, first, beams, settings.NoRepeatNgramSize, tokens);
                var chosen = beams == 1
                    ? sentence.Greedy(first, rows[first], scores[0], step, tokens.End)
                    : sentence.Advance(rows, first, scores, step, settings.LengthPenalty, tokens.End);
                if (chosen.Count > 0)
                {
                    stillActive.Add(active[a]);
                    nextRows.AddRange(chosen.Select(c => new Row([.. rows[c.Row].Tokens, c.Token], c.Score)));
                    gather.AddRange(chosen.Select(c => c.Row));
                }
            }

            if (stillActive.Count > 0 && stillActive.Count != active.Count)
            {
                encoder = EncoderRows.Build([.. inputs.Select(i => i.Source)], stillActive, beams, sourceLength);
            }

            active = stillActive;
            rows = nextRows;
            cache = settings.UseCache && active.Count > 0 ? result.Cache.Gather(gather) : cache;
        }

        return [.. sentences.Select(s => s.Best())];
    }

    /// <summary>Log-softmax of each of a sentence's rows, with the repetition guard applied and start and padding banned.</summary>
    private static float[][] LogProbabilities(DecoderStep step, List<Row> rows, int first, int beams, int noRepeat, SpecialTokens tokens)
    {
        var result = new float[beams][];
        for (var b = 0; b < beams; b++)
        {
            var row = step.Logits.AsSpan((first + b) * step.Vocabulary, step.Vocabulary).ToArray();
            // Beams compare sums of log-probabilities across rows; greedy takes the arg max and sums the chosen
            // token's log-probability for the sentence's confidence, so both search modes score the same way.
            var max = TensorPrimitives.Max(row);
            TensorPrimitives.Subtract(row, max, row);
            var exp = new float[row.Length];
            TensorPrimitives.Exp(row, exp);
            TensorPrimitives.Subtract(row, MathF.Log(TensorPrimitives.Sum(exp)), row);

            NoRepeatNgram.Ban(rows[first + b].Tokens, noRepeat, row);

            // Never generated (Marian configs ban the padding token, which is also their start token, the same way).
            foreach (var banned in (ReadOnlySpan<int>)[tokens.Pad, tokens.Start])
            {
                row[banned] = banned == tokens.End ? row[banned] : float.NegativeInfinity;
            }

            result[b] = row;
        }

        return result;
    }
}

/// <summary>A finished translation: its tokens (end token excluded) and the log-probability of the steps that made it.</summary>
/// <param name="Tokens">Generated ids.</param>
/// <param name="LogProbability">Sum of the log-probabilities of every step (the end token's included).</param>
/// <param name="Steps">Decoder steps taken: the tokens, plus one when the end token was generated.</param>
internal sealed record Hypothesis(int[] Tokens, double LogProbability, int Steps)
{
    public static Hypothesis None { get; } = new([], 0, 0);

    /// <summary>Geometric mean of the step probabilities, 0..1: how sure the model was, independent of length.</summary>
    public double Confidence => Steps == 0 ? 0 : Math.Exp(LogProbability / Steps);
}

/// <summary>A live hypothesis: the tokens generated so far and their summed log-probability.</summary>
internal sealed record Row(List<int> Tokens, double Score);

/// <summary>A continuation kept for the next step: which row it extends, with which token, at what score.</summary>
internal readonly record struct Choice(int Row, int Token, double Score);
