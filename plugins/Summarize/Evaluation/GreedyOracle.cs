namespace NlpHost.Tasks.Summarize.Evaluation;

/// <summary>
/// The usual extractive oracle (Nallapati et al. 2017; Liu and Lapata 2019): add, one at a time, the sentence that
/// most raises ROUGE-1 F1 + ROUGE-2 F1 of the selection against the reference; stop when none raises it.
/// </summary>
internal static class GreedyOracle
{
    /// <param name="sentences">The candidate sentences, in document order.</param>
    /// <param name="reference">The reference summary.</param>
    /// <param name="maxSentences">Most sentences to choose.</param>
    /// <param name="maxWords">Most words (whitespace-separated) in all; a sentence that would overflow it is skipped.</param>
    /// <returns>Chosen sentence indices, in the order they were added.</returns>
    public static List<int> Select(IReadOnlyList<string> sentences, string reference, int maxSentences = int.MaxValue, int maxWords = int.MaxValue)
    {
        var target = Rouge.Tokenize(reference);
        var tokens = sentences.Select(Rouge.Tokenize).ToList();
        var words = sentences.Select(s => Word.Count(s)).ToArray();
        var chosen = new List<int>();
        var (best, used) = (0.0, 0);
        while (chosen.Count < Math.Min(maxSentences, sentences.Count))
        {
            var pick = -1;
            for (var i = 0; i < sentences.Count; i++)
            {
                if (chosen.Contains(i) || used + words[i] > maxWords)
                {
                    continue;
                }

                // Tokens in document order, as the summary would read.
                var candidate = chosen.Append(i).Order().SelectMany(k => tokens[k]).ToList();
                var value = Rouge.NGram(target, candidate, 1) + Rouge.NGram(target, candidate, 2);
                if (value > best)
                {
                    (best, pick) = (value, i);
                }
            }

            if (pick < 0)
            {
                break;
            }

            chosen.Add(pick);
            used += words[pick];
        }

        return chosen;
    }
}
