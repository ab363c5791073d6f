namespace NlpHost.Tasks.Spellcheck.Candidates;

/// <summary>
/// SymSpell's symmetric-delete index: every string made by deleting up to <see cref="MaxDistance"/> characters from
/// the first <see cref="PrefixLength"/> characters of a key points back at the key's word. Keys are the words
/// themselves, or their sound-alike keys (<see cref="PhoneticKey"/>); several words may share a key. A lookup deletes from the
/// input the same way, so a dictionary word within that distance shares at least one delete with it; candidates
/// are then checked with the true OSA distance. Deletes are kept as 64-bit hashes in one flat array (no strings).
/// </summary>
internal sealed class SymmetricDeleteIndex
{
    private readonly DeleteTable _table;
    // Per delete-hash run, the profile and id of each word, read in order; 8 bytes each, so a run spans few cache lines.
    private readonly IndexEntry[] _entries;
    private readonly char[] _chars;
    private readonly int[] _offsets;

    private SymmetricDeleteIndex(string[] keys, int maxDistance, int prefixLength, DeleteTable table, IndexEntry[] entries, char[] chars, int[] offsets)
    {
        Keys = keys;
        MaxKeyLength = keys.Length == 0 ? 0 : keys.Max(k => k.Length);
        MaxDistance = maxDistance;
        PrefixLength = prefixLength;
        _table = table;
        _entries = entries;
        _chars = chars;
        _offsets = offsets;
    }

    /// <summary>The key of each word id.</summary>
    public string[] Keys { get; }

    public int MaxKeyLength { get; }

    public int MaxDistance { get; }

    public int PrefixLength { get; }

    /// <summary>Number of distinct deletes indexed.</summary>
    public int DeleteCount => _table.Count;

    /// <summary>Most words indexed under one delete.</summary>
    public int LongestRun => _table.LongestRun;

    /// <param name="keys">The key of each word, by word id.</param>
    /// <param name="maxDistance">Most deletes indexed per key, hence the largest distance a lookup can reach.</param>
    /// <param name="prefixLength">Only the first characters of a key are indexed (SymSpell uses 7): fewer deletes, same results.</param>
    public static SymmetricDeleteIndex Build(IReadOnlyList<string> keys, int maxDistance = 2, int prefixLength = 7)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDistance, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(prefixLength, maxDistance);
        var hashes = new List<ulong>(keys.Count * 24);
        var ids = new List<IndexEntry>(keys.Count * 24);
        // Padded by the longest key, so that BitParallelOsa.Distances may read that far past any key's start.
        var chars = new char[keys.Sum(k => k.Length) + (keys.Count == 0 ? 0 : keys.Max(k => k.Length))];
        var offsets = new int[keys.Count + 1];
        var deletes = new DeleteSet(prefixLength, maxDistance);
        for (var id = 0; id < keys.Count; id++)
        {
            var word = keys[id];
            word.CopyTo(chars.AsSpan(offsets[id]));
            offsets[id + 1] = offsets[id] + word.Length;
            var entry = new IndexEntry(Profile(word), id);
            deletes.Generate(word.AsSpan(0, Math.Min(word.Length, prefixLength)), maxDistance);
            for (var k = 0; k < deletes.Count; k++)
            {
                hashes.Add(deletes.Hash(k));
                ids.Add(entry);
            }
        }

        // Group by hash: one flat array of entries, each hash's run found through the table.
        var hashArray = hashes.ToArray();
        var idArray = ids.ToArray();
        Array.Sort(hashArray, idArray);
        return new SymmetricDeleteIndex([.. keys], maxDistance, prefixLength, DeleteTable.Build(hashArray), idArray, chars, offsets);
    }

    /// <summary>
    /// A key's length (capped at 31, bits 27–31) and a bit per letter present (a–z, bit 26 for anything else). Each
    /// edit adds at most one letter the other string lacks, so strings within distance d differ by at most d letters
    /// each way: with the length, a test on one integer stored beside the word id that spares most distance checks.
    /// </summary>
    public static uint Profile(ReadOnlySpan<char> key)
    {
        var mask = 0u;
        foreach (var c in key)
        {
            var bit = c is >= 'a' and <= 'z' ? c - 'a' : c is >= 'A' and <= 'Z' ? c - 'A' : 26;
            mask |= 1u << bit;
        }

        return mask | ((uint)Math.Min(key.Length, 31) << 27);
    }

    /// <summary>A searcher with its own scratch space; one per thread.</summary>
    public CandidateSearcher CreateSearcher() => new(this);

    /// <summary>Every key's characters, one after another.</summary>
    internal ReadOnlySpan<char> Characters => _chars;

    /// <summary>Where a word's key starts in <see cref="Characters"/>.</summary>
    internal int StartOf(int id) => _offsets[id];

    /// <summary>The characters of a word's key.</summary>
    internal ReadOnlySpan<char> KeyOf(int id) => _chars.AsSpan(_offsets[id], _offsets[id + 1] - _offsets[id]);

    /// <summary>
    /// The run of entries under each delete of <paramref name="deletes"/> (length 0 when none), for <see cref="Run"/>.
    /// Returns the first entries' profiles or-ed together: reading them here, with the lookups, starts all their
    /// cache misses at once; a caller keeps the value only so those reads are not optimised away.
    /// </summary>
    internal uint FindRuns(DeleteSet deletes, Span<int> starts, Span<int> lengths)
    {
        var firstProfiles = 0u;
        for (var k = 0; k < deletes.Count; k++)
        {
            if (_table.Find(deletes.Hash(k), out starts[k], out lengths[k]))
            {
                firstProfiles |= _entries[starts[k]].Profile;
            }
        }

        return firstProfiles;
    }

    internal ReadOnlySpan<IndexEntry> Run(int start, int length) => _entries.AsSpan(start, length);
}

/// <summary>A word under one delete: its key's <see cref="SymmetricDeleteIndex.Profile"/> and its id.</summary>
internal readonly record struct IndexEntry(uint Profile, int Id);
