namespace NlpHost.Tasks.Spellcheck.Candidates;

/// <summary>
/// The distinct strings made by deleting up to N characters from a short string (a word's prefix), kept in one
/// reused char buffer with their hashes and delete counts: the hot path of indexing and lookup allocates nothing.
/// </summary>
internal sealed class DeleteSet
{
    private readonly char[] _chars;
    private readonly int[] _lengths;
    private readonly int[] _distances;
    private readonly ulong[] _hashes;
    private readonly int _stride;

    public DeleteSet(int maxLength, int maxDistance)
    {
        _stride = maxLength;
        var capacity = 1;
        for (var d = 1; d <= maxDistance; d++)
        {
            capacity += Choose(maxLength, d);
        }

        _chars = new char[(capacity + 1) * _stride];
        _lengths = new int[capacity];
        _distances = new int[capacity];
        _hashes = new ulong[capacity];
    }

    public int Count { get; private set; }

    /// <summary>The most items a source of the given length can make.</summary>
    public int Capacity => _lengths.Length;

    public ReadOnlySpan<char> Item(int index) => _chars.AsSpan(index * _stride, _lengths[index]);

    public ulong Hash(int index) => _hashes[index];

    /// <summary>Characters deleted to make the item.</summary>
    public int Distance(int index) => _distances[index];

    /// <summary>Fills the set breadth first: the string itself, then its 1-deletes, then 2-deletes...</summary>
    public void Generate(ReadOnlySpan<char> source, int maxDistance)
    {
        Count = 0;
        source.CopyTo(_chars);
        AddCandidate(source.Length, 0, HashOf(source));
        for (var next = 0; next < Count; next++)
        {
            if (_distances[next] >= maxDistance || _lengths[next] == 0)
            {
                continue;
            }

            var item = Item(next);
            // The hash of the characters before the deleted one is shared by all later deletes of this item.
            var prefixHash = Seed(item.Length - 1);
            for (var i = 0; i < item.Length; i++)
            {
                // Dropping either of two equal neighbours gives the same string: only the first is new.
                if (i == 0 || item[i] != item[i - 1])
                {
                    // Built in place in the next free slot (there is one spare), kept only if new.
                    var candidate = _chars.AsSpan(Count * _stride, item.Length - 1);
                    item[..i].CopyTo(candidate);
                    var hash = prefixHash;
                    for (var j = i; j < candidate.Length; j++)
                    {
                        candidate[j] = item[j + 1];
                        hash = Step(hash, item[j + 1]);
                    }

                    AddCandidate(candidate.Length, _distances[next] + 1, Finish(hash));
                }

                prefixHash = Step(prefixHash, item[i]);
            }
        }
    }

    /// <summary>FNV-1a over the characters, then a final mix; the length is folded in so "" differs from any word.</summary>
    public static ulong HashOf(ReadOnlySpan<char> text)
    {
        var hash = Seed(text.Length);
        foreach (var c in text)
        {
            hash = Step(hash, c);
        }

        return Finish(hash);
    }

    private static ulong Seed(int length) => 14695981039346656037UL ^ (ulong)length;

    private static ulong Step(ulong hash, char c) => (hash ^ c) * 1099511628211UL;

    private static ulong Finish(ulong hash)
    {
        hash ^= hash >> 33;
        hash *= 0xff51afd7ed558ccdUL;
        return hash ^ (hash >> 33);
    }

    // Keeps the string in slot Count unless an earlier slot holds it already.
    private void AddCandidate(int length, int distance, ulong hash)
    {
        var text = _chars.AsSpan(Count * _stride, length);
        var hashes = _hashes.AsSpan(0, Count);
        for (var k = hashes.IndexOf(hash); k >= 0; k = NextIndexOf(hashes, hash, k))
        {
            if (Item(k).SequenceEqual(text))
            {
                return;
            }
        }

        _lengths[Count] = length;
        _distances[Count] = distance;
        _hashes[Count] = hash;
        Count++;
    }

    private static int NextIndexOf(ReadOnlySpan<ulong> hashes, ulong hash, int after)
    {
        var next = hashes[(after + 1)..].IndexOf(hash);
        return next < 0 ? -1 : after + 1 + next;
    }

    private static int Choose(int n, int k)
    {
        long result = 1;
        for (var i = 1; i <= k; i++)
        {
            result = result * (n - k + i) / i;
        }

        return (int)result;
    }
}
