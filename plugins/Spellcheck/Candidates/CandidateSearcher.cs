namespace NlpHost.Tasks.Spellcheck.Candidates;

/// <summary>A dictionary word within the edit distance of the input.</summary>
internal readonly record struct Candidate(int WordId, int Distance);

/// <summary>
/// Finds every word whose key is within an OSA distance of a lower-case input key through a <see cref="SymmetricDeleteIndex"/>.
/// Holds reusable scratch (the input's deletes, a per-word "seen" stamp), so it is cheap per call and not thread-safe.
/// </summary>
internal sealed class CandidateSearcher
{
    private const uint Letters = (1u << 27) - 1;

    private readonly SymmetricDeleteIndex _index;
    private readonly DeleteSet _deletes;
    private readonly int[] _runStarts;
    private readonly int[] _runLengths;
    private readonly ushort[] _seen;
    private readonly int[] _survivors;
    private readonly BitParallelOsa _distance = new();
    // Words waiting for their distance, measured BitParallelOsa.Lanes at a time; results keep the order of discovery.
    private readonly int[] _pendingIds = new int[BitParallelOsa.Lanes];
    private readonly int[] _pendingStarts = new int[BitParallelOsa.Lanes];
    private readonly int[] _pendingLengths = new int[BitParallelOsa.Lanes];
    private readonly int[] _pendingDistances = new int[BitParallelOsa.Lanes];
    private int _pendingCount;
    private ushort _stamp;
    // Kept only so that the early reads of SymmetricDeleteIndex.FindRuns are not optimised away.
    private uint _runHeads;

    public CandidateSearcher(SymmetricDeleteIndex index)
    {
        _index = index;
        _deletes = new DeleteSet(index.PrefixLength, index.MaxDistance);
        _runStarts = new int[_deletes.Capacity];
        _runLengths = new int[_deletes.Capacity];
        _seen = new ushort[index.Keys.Length];
        _survivors = new int[index.LongestRun];
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

        var prefixLength = _index.PrefixLength;
        var inputPrefixLength = Math.Min(input.Length, prefixLength);
        _deletes.Generate(input[..inputPrefixLength], maxDistance);
        _distance.Prepare(input);
        // All runs first: the table's and the runs' cache misses overlap instead of coming one by one between runs.
        _runHeads = _index.FindRuns(_deletes, _runStarts, _runLengths);
        var inputLetters = profile & Letters;
        var seen = _seen;
        var stamp = _stamp;
        for (var k = 0; k < _deletes.Count; k++)
        {
            var delete = _deletes.Item(k);
            // SymSpell's length tests folded into one range: a word shorter than the delete cannot hold it, and a
            // word prefix longer than both the input's and the delete plus max needs more than max deletes.
            var shortest = Math.Max(input.Length - maxDistance, delete.Length);
            var prefixBound = Math.Max(inputPrefixLength, delete.Length + maxDistance);
            var longest = prefixBound >= prefixLength ? input.Length + maxDistance : Math.Min(input.Length + maxDistance, prefixBound);
            var usedEveryEdit = delete.Length == prefixLength - maxDistance;
            var survivors = Prefilter(_index.Run(_runStarts[k], _runLengths[k]), inputLetters, maxDistance, shortest, longest);
            foreach (var id in survivors)
            {
                if (seen[id] == stamp)
                {
                    continue;
                }

                var word = _index.KeyOf(id);
                if (word.Length < shortest || word.Length > longest
                    || (word.Length == delete.Length && !word.SequenceEqual(delete)) || (usedEveryEdit && SuffixesDiffer(input, word)))
                {
                    continue;
                }

                seen[id] = stamp;
                _pendingIds[_pendingCount] = id;
                _pendingStarts[_pendingCount] = _index.StartOf(id);
                _pendingLengths[_pendingCount] = word.Length;
                if (++_pendingCount == BitParallelOsa.Lanes)
                {
                    MeasurePending(maxDistance, results);
                }
            }
        }

        MeasurePending(maxDistance, results);
    }

    // The ids of a run's entries whose letters and length allow a match (length only when below the profile's cap
    // of 31), without a branch per entry: about a third fail at random, which a branch would mispredict.
    private ReadOnlySpan<int> Prefilter(ReadOnlySpan<IndexEntry> run, uint inputLetters, int maxDistance, int shortest, int longest)
    {
        var survivors = _survivors;
        var count = 0;
        foreach (ref readonly var entry in run)
        {
            var letters = entry.Profile & Letters;
            var length = (int)(entry.Profile >> 27);
            var pass = (uint.PopCount(letters & ~inputLetters) <= maxDistance) & (uint.PopCount(inputLetters & ~letters) <= maxDistance)
                & ((length >= shortest) & (length <= longest) | (length == 31));
            survivors[count] = entry.Id;
            count += pass ? 1 : 0;
        }

        return survivors.AsSpan(0, count);
    }

    private void MeasurePending(int maxDistance, List<Candidate> results)
    {
        var count = _pendingCount;
        _pendingCount = 0;
        _distance.Distances(_index.Characters, _pendingStarts.AsSpan(0, count), _pendingLengths.AsSpan(0, count), maxDistance, _pendingDistances);
        for (var i = 0; i < count; i++)
        {
            if (_pendingDistances[i] <= maxDistance)
            {
                results.Add(new Candidate(_pendingIds[i], _pendingDistances[i]));
            }
        }
    }

    // SymSpell's shortcut: the delete used up every allowed edit inside the prefix, so what follows the prefix must
    // match exactly, but for a swap across its end; otherwise the distance is too large without computing it.
    private bool SuffixesDiffer(ReadOnlySpan<char> input, ReadOnlySpan<char> word)
    {
        var min = Math.Min(input.Length, word.Length) - _index.PrefixLength;
        for (var i = 1; i < min; i++)
        {
            if (input[^i] != word[^i])
            {
                return true;
            }
        }

        return min > 0 && input[^min] != word[^min] && (input[^(min + 1)] != word[^min] || input[^min] != word[^(min + 1)]);
    }
}
