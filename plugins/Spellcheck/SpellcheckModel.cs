using System.Collections.Concurrent;
using NlpHost.Tasks.Spellcheck.Candidates;
using NlpHost.Tasks.Spellcheck.Lexicon;

namespace NlpHost.Tasks.Spellcheck;

/// <summary>The loaded lexicon, bigrams and delete index, shared by every job; searchers are pooled per thread of use.</summary>
internal sealed class SpellcheckModel
{
    private readonly ConcurrentBag<CandidateSearcher> _searchers = [];

    private readonly ConcurrentBag<CandidateSearcher> _phoneticSearchers = [];

    public SpellcheckModel(WordLexicon lexicon, BigramModel bigrams, ConfusionSets? confusables = null)
    {
        Lexicon = lexicon;
        Bigrams = bigrams;
        Confusables = confusables ?? ConfusionSets.Empty;
        Index = SymmetricDeleteIndex.Build(lexicon.Words);
        PhoneticIndex = SymmetricDeleteIndex.Build([.. lexicon.Words.Select(PhoneticKey.Of)], maxDistance: 1);
    }

    public WordLexicon Lexicon { get; }

    public BigramModel Bigrams { get; }

    /// <summary>Known words questioned as possible real-word errors (with the context head only).</summary>
    public ConfusionSets Confusables { get; }

    /// <summary>Words within edit distance 2 of the input.</summary>
    public SymmetricDeleteIndex Index { get; }

    /// <summary>Words that sound like the input (sound-alike keys within distance 1): reaches errors beyond 2 edits.</summary>
    public SymmetricDeleteIndex PhoneticIndex { get; }

    public static SpellcheckModel Load(string lexiconPath, string? bigramPath, string? confusablesPath = null)
    {
        var lexicon = WordLexicon.Load(lexiconPath);
        var bigrams = bigramPath is null ? BigramModel.Empty(lexicon) : BigramModel.Load(bigramPath, lexicon);
        var confusables = confusablesPath is null ? null : ConfusionSets.Load(confusablesPath, lexicon);
        return new SpellcheckModel(lexicon, bigrams, confusables);
    }

    public CandidateSearcher RentSearcher(bool phonetic = false) =>
        (phonetic ? _phoneticSearchers : _searchers).TryTake(out var searcher) ? searcher : (phonetic ? PhoneticIndex : Index).CreateSearcher();

    public void Return(CandidateSearcher searcher, bool phonetic = false) => (phonetic ? _phoneticSearchers : _searchers).Add(searcher);
}
