namespace NlpHost.Tasks.Spelling.Candidates;

/// <summary>
/// SymSpell's symmetric-delete index: every string made by deleting up to <see cref="MaxDistance"/> characters from
/// the first <see cref="PrefixLength"/> characters of a key points back at the key's word. Keys are the words
/// themselves, or their sound-alike keys (<see cref="PhoneticKey"/>); several words may share a key. A lookup deletes from the
/// input the same way, so a dictionary word within that distance shares at least one delete with it; candidates
/// are then checked with the true OSA distance. Deletes are kept as 64-bit hashes in one flat array (no strings).
/// </summary>
internal sealed class SymmetricDeleteIndex
{
    private readonly Dictionary<ulong, int> _buckets;
    private readonly int[] _starts;
    private readonly int[] _wordIds;

    private SymmetricDeleteIndex(string[] keys, int maxDistance, int prefixLength, Dictionary<ulong, int> buckets, int[] starts, int[] wordIds)
    {
        Keys = keys;
        KeyLengths = [.. keys.Select(k => (byte)Math.Min(k.Length, byte.MaxValue))];
        LetterMasks = [.. keys.Select(k => LetterMask(k))];
        MaxKeyLength = keys.Length == 0 ? 0 : keys.Max(k => k.Length);
        MaxDistance = maxDistance;
        PrefixLength = prefixLength;
        _buckets = buckets;
        _starts = starts;
        _wordIds = wordIds;
    }

    /// <summary>The key of each word id.</summary>
    public string[] Keys { get; }

    /// <summary>Key lengths (capped at 255) in one small array: most candidates are rejected on length without touching the string.</summary>
    public byte[] KeyLengths { get; }

    /// <summary>Which of a–z (and anything else, bit 26) each key contains; see <see cref="LetterMask"/>.</summary>
    public int[] LetterMasks { get; }

    public int MaxKeyLength { get; }

    public int MaxDistance { get; }

    public int PrefixLength { get; }

    /// <summary>Number of distinct deletes indexed.</summary>
    public int DeleteCount => _buckets.Count;

    /// <param name="keys">The key of each word, by word id.</param>
    /// <param name="maxDistance">Most deletes indexed per key, hence the largest distance a lookup can reach.</param>
    /// <param name="prefixLength">Only the first characters of a key are indexed (SymSpell uses 7): fewer deletes, same results.</param>
    public static SymmetricDeleteIndex Build(IReadOnlyList<string> keys, int maxDistance = 2, int prefixLength = 7)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDistance, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(prefixLength, maxDistance);
        var hashes = new List<ulong>(keys.Count * 24);
        var ids = new List<int>(keys.Count * 24);
        var deletes = new DeleteSet(prefixLength, maxDistance);
        for (var id = 0; id < keys.Count; id++)
        {
            var word = keys[id];
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
        return new SymmetricDeleteIndex([.. keys], maxDistance, prefixLength, buckets, [.. starts], idArray);
    }

    /// <summary>
    /// A bit per letter present. Each edit adds at most one letter the other string lacks, so two strings within
    /// distance d differ by at most d letters each way: a cheap test that spares most distance computations.
    /// </summary>
    public static int LetterMask(ReadOnlySpan<char> key)
    {
        var mask = 0;
        foreach (var c in key)
        {
            var bit = c is >= 'a' and <= 'z' ? c - 'a' : c is >= 'A' and <= 'Z' ? c - 'A' : 26;
            mask |= 1 << bit;
        }

        return mask;
    }

    /// <summary>A searcher with its own scratch space; one per thread.</summary>
    public CandidateSearcher CreateSearcher() => new(this);

    internal ReadOnlySpan<int> Bucket(ulong hash) =>
        _buckets.TryGetValue(hash, out var b) ? _wordIds.AsSpan(_starts[b], _starts[b + 1] - _starts[b]) : [];
}
