namespace NlpHost.Tasks.Spellcheck.Candidates;

/// <summary>Damerau–Levenshtein distance in its optimal-string-alignment form (adjacent swaps count 1, no edits inside a swap).</summary>
internal static class EditDistance
{
    private const int StackLimit = 128;

    /// <summary>The OSA distance, or <paramref name="max"/> + 1 as soon as it must exceed <paramref name="max"/>.</summary>
    public static int Osa(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int max)
    {
        // Common prefix and suffix never change the distance; trimming them keeps the table small.
        var prefix = a.CommonPrefixLength(b);
        a = a[prefix..];
        b = b[prefix..];
        while (a.Length > 0 && b.Length > 0 && a[^1] == b[^1])
        {
            a = a[..^1];
            b = b[..^1];
        }

        if (Math.Abs(a.Length - b.Length) > max)
        {
            return max + 1;
        }

        if (a.Length == 0 || b.Length == 0)
        {
            return Math.Max(a.Length, b.Length);
        }

        var width = b.Length + 1;
        if (width > StackLimit)
        {
            return Rows(a, b, max, new int[3 * width]);
        }

        return Rows(a, b, max, stackalloc int[3 * width]);
    }

    // Only cells within max of the diagonal can lead to a result within max; everything else stays "too far".
    private static int Rows(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int max, Span<int> buffer)
    {
        var width = b.Length + 1;
        var far = max + 1;
        buffer.Fill(far);
        var before = buffer[..width];
        var previous = buffer.Slice(width, width);
        var current = buffer.Slice(2 * width, width);
        for (var j = 0; j < width && j <= max; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            var lo = Math.Max(1, i - max);
            var hi = Math.Min(b.Length, i + max);
            current[0] = i <= max ? i : far;
            current[lo - 1] = lo == 1 ? current[0] : far;
            if (hi + 1 < width)
            {
                current[hi + 1] = far;
            }

            var rowMin = far;
            var ai = a[i - 1];
            for (var j = lo; j <= hi; j++)
            {
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + (ai == b[j - 1] ? 0 : 1));
                if (i > 1 && j > 1 && ai == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, before[j - 2] + 1);
                }

                current[j] = Math.Min(value, far);
                rowMin = Math.Min(rowMin, current[j]);
            }

            if (rowMin > max)
            {
                return far;
            }

            var recycled = before;
            before = previous;
            previous = current;
            current = recycled;
        }

        return Math.Min(previous[b.Length], far);
    }
}
