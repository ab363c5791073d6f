using System.Collections.Concurrent;
using NlpHost.Tasks.Spelling.Candidates;
using NlpHost.Tasks.Spelling.Lexicon;

namespace NlpHost.Tasks.Spelling;

/// <summary>The loaded lexicon, bigrams and delete index, shared by every job; searchers are pooled per thread of use.</summary>
internal sealed class SpellingModel
{
    private readonly ConcurrentBag<CandidateSearcher> _searchers = [];

    public SpellingModel(WordLexicon lexicon, BigramModel bigrams, SymmetricDeleteIndex index)
    {
        Lexicon = lexicon;
        Bigrams = bigrams;
        Index = index;
    }

    public WordLexicon Lexicon { get; }

    public BigramModel Bigrams { get; }

    public SymmetricDeleteIndex Index { get; }

    public static SpellingModel Load(string lexiconPath, string? bigramPath)
    {
        var lexicon = WordLexicon.Load(lexiconPath);
        var bigrams = bigramPath is null ? BigramModel.Empty(lexicon) : BigramModel.Load(bigramPath, lexicon);
        return new SpellingModel(lexicon, bigrams, SymmetricDeleteIndex.Build(lexicon));
    }

    public CandidateSearcher RentSearcher() => _searchers.TryTake(out var searcher) ? searcher : Index.CreateSearcher();

    public void Return(CandidateSearcher searcher) => _searchers.Add(searcher);
}
