namespace NlpHost.Tasks.Summarize.Scoring;

/// <summary>
/// Maximal marginal relevance (Carbonell and Goldstein 1998): repeatedly takes the sentence with the best
/// λ·relevance − (1−λ)·(highest similarity to a sentence already taken), within a length budget.
/// </summary>
internal static class MmrSelector
{
    /// <param name="relevance">Per sentence, in [0, 1].</param>
    /// <param name="similarity">Pairwise cosine similarities.</param>
    /// <param name="words">Per sentence word count, for word budgets.</param>
    /// <param name="budget">Most sentences and words.</param>
    /// <param name="lambda">Weight of relevance against redundancy.</param>
    /// <param name="duplicate">A sentence at least this similar to one already taken is never taken (a restatement).</param>
    /// <returns>Chosen indices in the order they were picked.</returns>
    public static List<int> Select(double[] relevance, float[][] similarity, int[] words, LengthBudget budget, double lambda, double duplicate = 1.01)
    {
        var n = relevance.Length;
        var chosen = new List<int>();
        var redundancy = new double[n];
        var taken = new bool[n];
        var wordsUsed = 0;
        while (chosen.Count < Math.Min(budget.Sentences, n))
        {
            var best = -1;
            var bestValue = double.NegativeInfinity;
            for (var i = 0; i < n; i++)
            {
                // A word budget skips sentences that would overflow it; the first pick is always allowed, so a summary is never empty.
                if (taken[i] || redundancy[i] >= duplicate || (chosen.Count > 0 && wordsUsed + words[i] > budget.Words))
                {
                    continue;
                }

                var value = lambda * relevance[i] - (1 - lambda) * redundancy[i];
                if (value > bestValue)
                {
                    (best, bestValue) = (i, value);
                }
            }

            if (best < 0)
            {
                break;
            }

            if (chosen.Count == 0 && words[best] > budget.Words)
            {
                best = FirstThatFits(relevance, words, budget.Words) ?? best;
            }

            taken[best] = true;
            chosen.Add(best);
            wordsUsed += words[best];
            for (var i = 0; i < n; i++)
            {
                redundancy[i] = Math.Max(redundancy[i], similarity[i][best]);
            }
        }

        return chosen;
    }

    // The most relevant sentence within the word budget, if any is short enough.
    private static int? FirstThatFits(double[] relevance, int[] words, int budget) =>
        Enumerable.Range(0, relevance.Length).Where(i => words[i] <= budget).OrderByDescending(i => relevance[i]).Cast<int?>().FirstOrDefault();
}
