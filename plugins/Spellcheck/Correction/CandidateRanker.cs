using NlpHost.Tasks.Spellcheck.Candidates;

namespace NlpHost.Tasks.Spellcheck.Correction;

/// <summary>A ranked suggestion: one word, or two when the typed word was a run-together pair.</summary>
internal readonly record struct Suggestion(string Text, double Score, int FirstId, int LastId, ScoreParts Parts = default);

/// <summary>The terms of a suggestion's noisy-channel score, kept apart for the context head's features.</summary>
/// <param name="LogProbability">log P(word); for a split, log P(a) + log P(b|a).</param>
/// <param name="EditCost">Weighted edit cost of the typing error, after the sound-alike bonus (split cost for a split).</param>
/// <param name="SoundAlike">Whether the word has the typed word's sound key.</param>
/// <param name="LeftAssociation">Bigram association with the previous word (0 when none).</param>
/// <param name="RightAssociation">Bigram association with the next word (0 when none).</param>
/// <param name="IsSplit">Two words for one typed word.</param>
internal readonly record struct ScoreParts(double LogProbability, double EditCost, bool SoundAlike, double LeftAssociation, double RightAssociation, bool IsSplit);

/// <summary>
/// Scores candidates for one unknown word by a noisy channel: log P(candidate) from corpus counts, minus the
/// weighted edit cost of the typing error (<see cref="ErrorModel"/>), plus the bigram association with the known
/// neighbouring words. Splits into two known words compete with single-word candidates.
/// </summary>
internal sealed class CandidateRanker(SpellcheckModel model, RankingWeights weights)
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

            var soundAlike = model.PhoneticIndex.Keys[candidate.WordId] == sound;
            ranked.Add(Score(word, candidate.WordId, ErrorModel.Cost(typed, word) - (soundAlike ? weights.SoundAlike : 0), soundAlike, previous, next));
        }

        AddSplits(typed, previous, next, ranked);
        ranked.Sort((a, b) => b.Score.CompareTo(a.Score));
        return ranked;
    }

    /// <summary>
    /// Scores a known word and the words it is often confused with (<paramref name="members"/>, the typed word
    /// among them), best first: the candidates of a possible real-word error.
    /// </summary>
    public List<Suggestion> RankConfusable(string typed, IReadOnlyList<int> members, int previous, int next)
    {
        var sound = PhoneticKey.Of(typed);
        var ranked = new List<Suggestion>(members.Count);
        foreach (var id in members)
        {
            var word = model.Lexicon.Words[id];
            var soundAlike = model.PhoneticIndex.Keys[id] == sound;
            var cost = word == typed ? 0 : ErrorModel.Cost(typed, word) - (soundAlike ? weights.SoundAlike : 0);
            ranked.Add(Score(word, id, cost, soundAlike, previous, next));
        }

        ranked.Sort((a, b) => b.Score.CompareTo(a.Score));
        return ranked;
    }

    private Suggestion Score(string word, int id, double cost, bool soundAlike, int previous, int next)
    {
        var (left, right) = Associations(previous, id, next, NoWord);
        var parts = new ScoreParts(model.Lexicon.LogProbability(id), cost, soundAlike, left, right, IsSplit: false);
        return new Suggestion(word, parts.LogProbability - weights.Channel * cost + weights.Context * (left + right), id, id, parts);
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

    private (double Left, double Right) Associations(int previous, int first, int next, int last) =>
        (previous == NoWord ? 0 : model.Bigrams.Association(previous, first),
         next == NoWord ? 0 : model.Bigrams.Association(last == NoWord ? first : last, next));

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

            var (before, after) = Associations(previous, a, next, b);
            var parts = new ScoreParts(lexicon.LogProbability(a) + model.Bigrams.ConditionalLogProbability(a, b), weights.Split, false, before, after, IsSplit: true);
            var score = parts.LogProbability - weights.Channel * weights.Split + weights.Context * (before + after);
            ranked.Add(new Suggestion(string.Concat(left, " ", right), score, a, b, parts));
        }
    }

    // One-letter words other than "a" and "I" are almost always noise in a split.
    private static bool IsSplitPart(ReadOnlySpan<char> part) => part.Length > 1 || part[0] is 'a' or 'i';
}
