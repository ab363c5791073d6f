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
    // Per delete-hash run, everything a lookup needs about each word, read in order: no pointer chasing.
    private readonly IndexEntry[] _entries;
    private readonly char[] _chars;

    private SymmetricDeleteIndex(string[] keys, int maxDistance, int prefixLength, Dictionary<ulong, int> buckets, int[] starts, IndexEntry[] entries, char[] chars)
    {
        Keys = keys;
        MaxKeyLength = keys.Length == 0 ? 0 : keys.Max(k => k.Length);
        MaxDistance = maxDistance;
        PrefixLength = prefixLength;
        _buckets = buckets;
        _starts = starts;
        _entries = entries;
        _chars = chars;
    }

    /// <summary>The key of each word id.</summary>
    public string[] Keys { get; }

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
        var ids = new List<IndexEntry>(keys.Count * 24);
        var chars = new char[keys.Sum(k => k.Length)];
        var offset = 0;
        var deletes = new DeleteSet(prefixLength, maxDistance);
        for (var id = 0; id < keys.Count; id++)
        {
            var word = keys[id];
            word.CopyTo(chars.AsSpan(offset));
            var entry = new IndexEntry(Profile(word), id, offset, word.Length);
            offset += word.Length;
            deletes.Generate(word.AsSpan(0, Math.Min(word.Length, prefixLength)), maxDistance);
            for (var k = 0; k < deletes.Count; k++)
            {
                hashes.Add(deletes.Hash(k));
                ids.Add(entry);
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
        return new SymmetricDeleteIndex([.. keys], maxDistance, prefixLength, buckets, [.. starts], idArray, chars);
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

    /// <summary>Whether two profiles allow a distance of at most <paramref name="max"/> (never rejects a true match).</summary>
    public static bool MayMatch(uint a, uint b, int max)
    {
        const uint Letters = (1u << 27) - 1;
        var lengthA = (int)(a >> 27);
        var lengthB = (int)(b >> 27);
        return (lengthA == 31 || lengthB == 31 || Math.Abs(lengthA - lengthB) <= max)
            && uint.PopCount(a & ~b & Letters) <= max && uint.PopCount(b & ~a & Letters) <= max;
    }

    /// <summary>A searcher with its own scratch space; one per thread.</summary>
    public CandidateSearcher CreateSearcher() => new(this);

    /// <summary>The characters of an entry's key.</summary>
    internal ReadOnlySpan<char> KeyOf(in IndexEntry entry) => _chars.AsSpan(entry.Offset, entry.Length);

    internal ReadOnlySpan<IndexEntry> Bucket(ulong hash) =>
        _buckets.TryGetValue(hash, out var b) ? _entries.AsSpan(_starts[b], _starts[b + 1] - _starts[b]) : [];
}

/// <summary>A word under one delete: its key's <see cref="SymmetricDeleteIndex.Profile"/>, id, and characters in the index's pool.</summary>
internal readonly record struct IndexEntry(uint Profile, int Id, int Offset, int Length);
