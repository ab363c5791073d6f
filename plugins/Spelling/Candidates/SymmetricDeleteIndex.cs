using NlpHost.Tasks.Spelling.Lexicon;

namespace NlpHost.Tasks.Spelling.Candidates;

/// <summary>
/// SymSpell's symmetric-delete index: every string made by deleting up to <see cref="MaxDistance"/> characters from
/// the first <see cref="PrefixLength"/> characters of a word points back at the word. A lookup deletes from the
/// input the same way, so a dictionary word within that distance shares at least one delete with it; candidates
/// are then checked with the true OSA distance. Deletes are kept as 64-bit hashes in one flat array (no strings).
/// </summary>
internal sealed class SymmetricDeleteIndex
{
    private readonly Dictionary<ulong, int> _buckets;
    private readonly int[] _starts;
    private readonly int[] _wordIds;

    private SymmetricDeleteIndex(WordLexicon lexicon, int maxDistance, int prefixLength, Dictionary<ulong, int> buckets, int[] starts, int[] wordIds)
    {
        Lexicon = lexicon;
        MaxDistance = maxDistance;
        PrefixLength = prefixLength;
        _buckets = buckets;
        _starts = starts;
        _wordIds = wordIds;
    }

    public WordLexicon Lexicon { get; }

    public int MaxDistance { get; }

    public int PrefixLength { get; }

    /// <summary>Number of distinct deletes indexed.</summary>
    public int DeleteCount => _buckets.Count;

    public static SymmetricDeleteIndex Build(WordLexicon lexicon, int maxDistance = 2, int prefixLength = 7)
    {
        ArgumentNullException.ThrowIfNull(lexicon);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDistance, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(prefixLength, maxDistance);
        var hashes = new List<ulong>(lexicon.Count * 24);
        var ids = new List<int>(lexicon.Count * 24);
        var deletes = new DeleteSet(prefixLength, maxDistance);
        for (var id = 0; id < lexicon.Count; id++)
        {
            var word = lexicon.Words[id];
            deletes.Generate(word.AsSpan(0, Math.Min(word.Length, prefixLength)), maxDistance);
            for (var k = 0; k < deletes.Count; k++)
            {
                hashes.Add(deletes.Hash(k));
                ids.Add(id);
            }
        }

        // Group by hash: one flat array of word ids, with the start of each hash's run.
        var hashArray = hashes.ToArray();
        var idArray = ids.ToArray();
        Array.Sort(hashArray, idArray);
        var buckets = new Dictionary<ulong, int>(hashArray.Length / 2);
        var starts = new List<int>(hashArray.Length / 2 + 1);
        for (var i = 0; i < hashArray.Length; i++)
        {
            if (i == 0 || hashArray[i] != hashArray[i - 1])
            {
                buckets.Add(hashArray[i], starts.Count);
                starts.Add(i);
            }
        }

        starts.Add(hashArray.Length);
        return new SymmetricDeleteIndex(lexicon, maxDistance, prefixLength, buckets, [.. starts], idArray);
    }

    /// <summary>A searcher with its own scratch space; one per thread.</summary>
    public CandidateSearcher CreateSearcher() => new(this);

    internal ReadOnlySpan<int> Bucket(ulong hash) =>
        _buckets.TryGetValue(hash, out var b) ? _wordIds.AsSpan(_starts[b], _starts[b + 1] - _starts[b]) : [];
}
