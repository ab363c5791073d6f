namespace NlpHost.Tasks.Translate.Generation;

/// <summary>The search state of one sentence: its finished hypotheses and the choice of its next beams.</summary>
internal sealed class SentenceBeams(int maxNewTokens, int beams)
{
    private readonly List<(Hypothesis Hypothesis, double Score)> _finished = [];

    /// <summary>Greedy step: the most probable token, or nothing once the sentence is finished.</summary>
    public List<Choice> Greedy(int row, Row current, float[] logProbs, int step, int end)
    {
        var token = 0;
        for (var v = 1; v < logProbs.Length; v++)
        {
            token = logProbs[v] > logProbs[token] ? v : token;
        }

        var score = current.Score + logProbs[token];
        if (token == end || step >= maxNewTokens)
        {
            Finish(token == end ? current.Tokens : [.. current.Tokens, token], score, step, 0);
            return [];
        }

        return [new Choice(row, token, score)];
    }

    /// <summary>Beam step over the rows <paramref name="first"/>.. of this sentence: the next beams, or nothing once done.</summary>
    public List<Choice> Advance(IReadOnlyList<Row> rows, int first, float[][] logProbs, int step, double lengthPenalty, int end)
    {
        var candidates = new List<Choice>(2 * beams * beams);
        for (var b = 0; b < beams; b++)
        {
            if (!double.IsNegativeInfinity(rows[first + b].Score))
            {
                candidates.AddRange(Top(logProbs[b], 2 * beams).Select(v => new Choice(first + b, v, rows[first + b].Score + logProbs[b][v])));
            }
        }

        candidates.Sort((x, y) => y.Score.CompareTo(x.Score));
        var next = new List<Choice>(beams);
        for (var rank = 0; rank < Math.Min(candidates.Count, 2 * beams) && next.Count < beams; rank++)
        {
            var c = candidates[rank];
            if (c.Token != end)
            {
                next.Add(c);
            }
            else if (rank < beams)
            {
                // An end token outside the best `beams` candidates is dropped, as in Hugging Face's beam scorer.
                Finish(rows[c.Row].Tokens, c.Score, step, lengthPenalty);
            }
        }

        if (step >= maxNewTokens || next.Count == 0)
        {
            next.ForEach(c => Finish([.. rows[c.Row].Tokens, c.Token], c.Score, step, lengthPenalty));
            return [];
        }

        // Done when enough hypotheses have finished and the best live beam, at its current length, cannot beat the worst.
        return _finished.Count >= beams && next[0].Score / Math.Pow(step, lengthPenalty) <= _finished.Min(f => f.Score) ? [] : next;
    }

    /// <summary>The best finished hypothesis (empty for a sentence cancelled before it finished).</summary>
    public Hypothesis Best() => _finished.Count == 0 ? Hypothesis.None : _finished.MaxBy(f => f.Score).Hypothesis;

    private void Finish(IEnumerable<int> tokens, double logProbability, int length, double lengthPenalty)
    {
        _finished.Add((new Hypothesis([.. tokens], logProbability, length), logProbability / Math.Pow(length, lengthPenalty)));
        if (_finished.Count > beams)
        {
            _finished.Remove(_finished.MinBy(f => f.Score));
        }
    }

    private static int[] Top(float[] values, int count)
    {
        var top = new List<int>(count + 1);
        for (var v = 0; v < values.Length; v++)
        {
            if (top.Count == count && values[v] <= values[top[^1]])
            {
                continue;
            }

            var at = top.Count;
            while (at > 0 && values[top[at - 1]] < values[v])
            {
                at--;
            }

            top.Insert(at, v);
            if (top.Count > count)
            {
                top.RemoveAt(count);
            }
        }

        return [.. top.Where(v => !float.IsNegativeInfinity(values[v]))];
    }
}
