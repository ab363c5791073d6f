namespace NlpHost.Tasks.Spelling.Candidates;

/// <summary>
/// OSA distance from one fixed pattern (the typed word) to many candidates with Hyyrö's bit-parallel algorithm
/// (2003; the form RapidFuzz uses): one column of the table is a few 64-bit words, so each candidate costs a handful
/// of operations per character instead of a table. Patterns longer than 64 or outside ASCII fall back to
/// <see cref="EditDistance.Osa"/>. Holds per-pattern state: one instance per searcher.
/// </summary>
internal sealed class BitParallelOsa
{
    private readonly ulong[] _match = new ulong[128];
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
        var last = 1UL << (_length - 1);
        var distance = _length;
        foreach (var c in text)
        {
            var match = c < 128 ? _match[c] : 0;
            var transposed = ((~d0 & match) << 1) & previousMatch;
            d0 = (((match & vp) + vp) ^ vp) | match | vn | transposed;
            var hp = vn | ~(d0 | vp);
            var hn = d0 & vp;
            if ((hp & last) != 0)
            {
                distance++;
            }
            else if ((hn & last) != 0)
            {
                distance--;
            }

            hp = (hp << 1) | 1;
            hn <<= 1;
            vp = hn | ~(d0 | hp);
            vn = hp & d0;
            previousMatch = match;
        }

        return distance <= max ? distance : max + 1;
    }
}
