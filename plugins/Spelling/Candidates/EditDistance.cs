namespace NlpHost.Tasks.Spelling.Candidates;

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

    private static int Rows(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int max, Span<int> buffer)
    {
        var width = b.Length + 1;
        var before = buffer[..width];
        var previous = buffer.Slice(width, width);
        var current = buffer.Slice(2 * width, width);
        for (var j = 0; j < width; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = i;
            for (var j = 1; j < width; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, before[j - 2] + 1);
                }

                current[j] = value;
                rowMin = Math.Min(rowMin, value);
            }

            if (rowMin > max)
            {
                return max + 1;
            }

            var recycled = before;
            before = previous;
            previous = current;
            current = recycled;
        }

        return Math.Min(previous[b.Length], max + 1);
    }
}
