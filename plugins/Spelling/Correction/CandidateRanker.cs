using NlpHost.Tasks.Spelling.Candidates;

namespace NlpHost.Tasks.Spelling.Correction;

/// <summary>A ranked suggestion: one word, or two when the typed word was a run-together pair.</summary>
internal readonly record struct Suggestion(string Text, double Score, int FirstId, int LastId);

/// <summary>
/// Scores candidates for one unknown word by a noisy channel: log P(candidate) from corpus counts, minus the
/// weighted edit cost of the typing error (<see cref="ErrorModel"/>), plus the bigram association with the known
/// neighbouring words. Splits into two known words compete with single-word candidates.
/// </summary>
internal sealed class CandidateRanker(SpellingModel model, RankingWeights weights)
{
    private const int NoWord = -1;

    // Short words have short keys that sound like hundreds of words: edit distance alone serves them better.
    // Sound-alike candidates must also be within half the typed length in edits (at least 3), which drops the
    // hundreds that share a short key before the costlier weighted alignment.
    private const int MinPhoneticLength = 4;

    /// <summary>All suggestions for <paramref name="typed"/> (lower case), best first.</summary>
    public List<Suggestion> Rank(string typed, int previous, int next, int maxDistance)
    {
        var found = new List<Candidate>();
        Search(typed, maxDistance, phonetic: false, found);
        var close = found.Count;
        var sound = PhoneticKey.Of(typed);
        if (typed.Length >= MinPhoneticLength)
        {
            Search(sound, 1, phonetic: true, found);
        }

        var ranked = new List<Suggestion>(found.Count + 4);
        var seen = new HashSet<int>();
        var spelling = new BitParallelOsa();
        spelling.Prepare(typed);
        var farthest = Math.Max(3, typed.Length / 2);
        for (var i = 0; i < found.Count; i++)
        {
            var candidate = found[i];
            var word = model.Lexicon.Words[candidate.WordId];
            if (!seen.Add(candidate.WordId) || (i >= close && spelling.Distance(word, farthest) > farthest))
            {
                continue;
            }

            var score = model.Lexicon.LogProbability(candidate.WordId)
                - weights.Channel * (ErrorModel.Cost(typed, word) - (model.PhoneticIndex.Keys[candidate.WordId] == sound ? weights.SoundAlike : 0))
                + Context(previous, candidate.WordId, next);
            ranked.Add(new Suggestion(word, score, candidate.WordId, candidate.WordId));
        }

        AddSplits(typed, previous, next, ranked);
        ranked.Sort((a, b) => b.Score.CompareTo(a.Score));
        return ranked;
    }

    private void Search(string key, int maxDistance, bool phonetic, List<Candidate> found)
    {
        var searcher = model.RentSearcher(phonetic);
        try
        {
            searcher.Search(key, maxDistance, found);
        }
        finally
        {
            model.Return(searcher, phonetic);
        }
    }

    /// <summary>Probability of the best suggestion against the others (softmax over scores).</summary>
    public static double Confidence(IReadOnlyList<Suggestion> ranked)
    {
        if (ranked.Count == 0)
        {
            return 0;
        }

        var sum = ranked.Sum(s => Math.Exp(s.Score - ranked[0].Score));
        return 1 / sum;
    }

    private double Context(int previous, int first, int next, int last = NoWord)
    {
        var association = 0.0;
        if (previous != NoWord)
        {
            association += model.Bigrams.Association(previous, first);
        }

        if (next != NoWord)
        {
            association += model.Bigrams.Association(last == NoWord ? first : last, next);
        }

        return weights.Context * association;
    }

    private void AddSplits(string typed, int previous, int next, List<Suggestion> ranked)
    {
        var lexicon = model.Lexicon;
        for (var cut = 1; cut < typed.Length; cut++)
        {
            var left = typed.AsSpan(0, cut);
            var right = typed.AsSpan(cut);
            if (!IsSplitPart(left) || !IsSplitPart(right) || !lexicon.TryGetId(left, out var a) || !lexicon.TryGetId(right, out var b))
            {
                continue;
            }

            var score = lexicon.LogProbability(a) + model.Bigrams.ConditionalLogProbability(a, b)
                - weights.Channel * weights.Split + Context(previous, a, next, b);
            ranked.Add(new Suggestion(string.Concat(left, " ", right), score, a, b));
        }
    }

    // One-letter words other than "a" and "I" are almost always noise in a split.
    private static bool IsSplitPart(ReadOnlySpan<char> part) => part.Length > 1 || part[0] is 'a' or 'i';
}
