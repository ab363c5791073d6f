namespace NlpHost.Tasks.Spelling.Candidates;

/// <summary>A dictionary word within the edit distance of the input.</summary>
internal readonly record struct Candidate(int WordId, int Distance);

/// <summary>
/// Finds every word whose key is within an OSA distance of a lower-case input key through a <see cref="SymmetricDeleteIndex"/>.
/// Holds reusable scratch (the input's deletes, a per-word "seen" stamp), so it is cheap per call and not thread-safe.
/// </summary>
internal sealed class CandidateSearcher
{
    private readonly SymmetricDeleteIndex _index;
    private readonly DeleteSet _deletes;
    private readonly ushort[] _seen;
    private readonly BitParallelOsa _distance = new();
    private ushort _stamp;

    public CandidateSearcher(SymmetricDeleteIndex index)
    {
        _index = index;
        _deletes = new DeleteSet(index.PrefixLength, index.MaxDistance);
        _seen = new ushort[index.Keys.Length];
    }

    /// <summary>Appends to <paramref name="results"/> every word within <paramref name="maxDistance"/> of <paramref name="input"/> (the input itself at 0 when known).</summary>
    public void Search(ReadOnlySpan<char> input, int maxDistance, List<Candidate> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        maxDistance = Math.Min(maxDistance, _index.MaxDistance);
        var profile = SymmetricDeleteIndex.Profile(input);
        if (input.Length == 0 || input.Length - maxDistance > _index.MaxKeyLength)
        {
            return;
        }

        if (++_stamp == ushort.MaxValue)
        {
            Array.Clear(_seen);
            _stamp = 1;
        }

        var inputPrefixLength = Math.Min(input.Length, _index.PrefixLength);
        _deletes.Generate(input[..inputPrefixLength], maxDistance);
        _distance.Prepare(input);
        for (var k = 0; k < _deletes.Count; k++)
        {
            var delete = _deletes.Item(k);
            foreach (ref readonly var entry in _index.Bucket(_deletes.Hash(k)))
            {
                var id = entry.Id;
                if (!SymmetricDeleteIndex.MayMatch(entry.Profile, profile, maxDistance) || _seen[id] == _stamp)
                {
                    continue;
                }

                var word = _index.KeyOf(entry);
                if (Math.Abs(word.Length - input.Length) > maxDistance || word.Length < delete.Length
                    || (word.Length == delete.Length && !word.SequenceEqual(delete)))
                {
                    continue;
                }

                var wordPrefixLength = Math.Min(word.Length, _index.PrefixLength);
                if (wordPrefixLength > inputPrefixLength && wordPrefixLength - delete.Length > maxDistance)
                {
                    continue;
                }

                if (delete.Length == _index.PrefixLength - maxDistance && SuffixesDiffer(input, word))
                {
                    continue;
                }

                _seen[id] = _stamp;
                var distance = _distance.Distance(word, maxDistance);
                if (distance <= maxDistance)
                {
                    results.Add(new Candidate(id, distance));
                }
            }
        }
    }

    // SymSpell's shortcut: the delete used up every allowed edit inside the prefix, so what follows the prefix must
    // match exactly, but for a swap across its end; otherwise the distance is too large without computing it.
    private bool SuffixesDiffer(ReadOnlySpan<char> input, ReadOnlySpan<char> word)
    {
        var min = Math.Min(input.Length, word.Length) - _index.PrefixLength;
        return (min > 1 && !input[(input.Length + 1 - min)..].SequenceEqual(word[(word.Length + 1 - min)..]))
            || (min > 0 && input[^min] != word[^min] && (input[^(min + 1)] != word[^min] || input[^min] != word[^(min + 1)]));
    }
}
