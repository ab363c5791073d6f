using System.Runtime.Intrinsics;

namespace NlpHost.Tasks.Spellcheck.Candidates;

/// <summary>
/// OSA distance from one fixed pattern (the typed word) to many candidates with Hyyrö's bit-parallel algorithm
/// (2003; the form RapidFuzz uses): one column of the table is a few 64-bit words, so each candidate costs a handful
/// of operations per character instead of a table. Patterns longer than 64 or outside ASCII fall back to
/// <see cref="EditDistance.Osa"/>. Holds per-pattern state: one instance per searcher.
/// </summary>
internal sealed class BitParallelOsa
{
    /// <summary>Texts measured at once by <see cref="Distances"/>.</summary>
    public const int Lanes = 4;

    private readonly ulong[] _match = new ulong[129];
    private char[] _pattern = [];
    private int _length;
    private bool _fallback;

    public void Prepare(ReadOnlySpan<char> pattern)
    {
        for (var i = 0; i < _length; i++)
        {
            _match[_pattern[i] & 127] = 0;
        }

        if (_pattern.Length < pattern.Length)
        {
            _pattern = new char[Math.Max(pattern.Length, 2 * _pattern.Length)];
        }

        pattern.CopyTo(_pattern);
        _length = pattern.Length;
        _fallback = pattern.Length is 0 or > 64;
        for (var i = 0; i < pattern.Length; i++)
        {
            _fallback |= pattern[i] > 127;
            _match[pattern[i] & 127] |= 1UL << i;
        }
    }

    /// <summary>The OSA distance from the prepared pattern to <paramref name="text"/>, or <paramref name="max"/> + 1 when larger.</summary>
    public int Distance(ReadOnlySpan<char> text, int max)
    {
        if (_fallback)
        {
            return EditDistance.Osa(_pattern.AsSpan(0, _length), text, max);
        }

        ulong vp = ~0UL, vn = 0, d0 = 0, previousMatch = 0;
        var top = _length - 1;
        var distance = _length;
        foreach (var c in text)
        {
            var match = Match(c);
            var transposed = ((~d0 & match) << 1) & previousMatch;
            d0 = (((match & vp) + vp) ^ vp) | match | vn | transposed;
            var hp = vn | ~(d0 | vp);
            var hn = d0 & vp;
            distance += (int)((hp >> top) & 1) - (int)((hn >> top) & 1);

            hp = (hp << 1) | 1;
            hn <<= 1;
            vp = hn | ~(d0 | hp);
            vn = hp & d0;
            previousMatch = match;
        }

        return distance <= max ? distance : max + 1;
    }

    /// <summary>
    /// <see cref="Distance"/> for up to <see cref="Lanes"/> texts of <paramref name="pool"/> (by start and length) at
    /// once. One text's column update is a chain of a dozen dependent operations per character, so a single text
    /// leaves the core mostly idle; side by side in one vector, four cost little more than one.
    /// </summary>
    public void Distances(ReadOnlySpan<char> pool, ReadOnlySpan<int> starts, ReadOnlySpan<int> lengths, int max, Span<int> distances)
    {
        var count = starts.Length;
        if (_fallback || count < 2 || count > Lanes || !Vector256.IsHardwareAccelerated)
        {
            DistancesOneByOne(pool, starts, lengths, max, distances, count);
            return;
        }

        // Every lane reads `longest` characters from its start: past the end of a shorter text they are the next
        // key's, which only changes state whose distance is no longer counted (see `ends`). Spare lanes read from 0.
        var start0 = starts[0];
        var start1 = starts[1];
        var start2 = count > 2 ? starts[2] : 0;
        var start3 = count > 3 ? starts[3] : 0;
        var length0 = lengths[0];
        var length1 = lengths[1];
        var length2 = count > 2 ? lengths[2] : 0;
        var length3 = count > 3 ? lengths[3] : 0;
        var longest = Math.Max(Math.Max(length0, length1), Math.Max(length2, length3));
        if (Math.Max(Math.Max(start0, start1), Math.Max(start2, start3)) + longest > pool.Length)
        {
            DistancesOneByOne(pool, starts, lengths, max, distances, count);
            return;
        }

        var table = _match;
        var lane0 = pool.Slice(start0, longest);
        var lane1 = pool.Slice(start1, longest);
        var lane2 = pool.Slice(start2, longest);
        var lane3 = pool.Slice(start3, longest);
        var one = Vector256<ulong>.One;
        var ends = Vector256.Create((ulong)length0, (ulong)length1, (ulong)length2, (ulong)length3);
        var vp = Vector256<ulong>.AllBitsSet;
        var vn = Vector256<ulong>.Zero;
        var d0 = Vector256<ulong>.Zero;
        var previousMatch = Vector256<ulong>.Zero;
        var distance = Vector256.Create((ulong)_length);
        var top = _length - 1;
        for (var j = 0; j < lane0.Length; j++)
        {
            var match = Vector256.Create(
                table[Math.Min(lane0[j], (char)128)], table[Math.Min(lane1[j], (char)128)], table[Math.Min(lane2[j], (char)128)], table[Math.Min(lane3[j], (char)128)]);
            var transposed = Vector256.ShiftLeft(match & ~d0, 1) & previousMatch;
            d0 = (((match & vp) + vp) ^ vp) | match | vn | transposed;
            var hp = vn | ~(d0 | vp);
            var hn = d0 & vp;
            var change = (Vector256.ShiftRightLogical(hp, top) & one) - (Vector256.ShiftRightLogical(hn, top) & one);
            distance += change & Vector256.GreaterThan(ends, Vector256.Create((ulong)j));

            hp = Vector256.ShiftLeft(hp, 1) | one;
            hn = Vector256.ShiftLeft(hn, 1);
            vp = hn | ~(d0 | hp);
            vn = hp & d0;
            previousMatch = match;
        }

        for (var i = 0; i < count; i++)
        {
            var d = (int)distance.GetElement(i);
            distances[i] = d <= max ? d : max + 1;
        }
    }

    private void DistancesOneByOne(ReadOnlySpan<char> pool, ReadOnlySpan<int> starts, ReadOnlySpan<int> lengths, int max, Span<int> distances, int count)
    {
        for (var i = 0; i < count; i++)
        {
            distances[i] = Distance(pool.Slice(starts[i], lengths[i]), max);
        }
    }

    // Characters beyond ASCII share the last, always empty, slot.
    private ulong Match(char c) => _match[Math.Min(c, (char)128)];
}
