namespace NlpHost.Tasks.Translate.Generation;

/// <summary>The repetition guard: bans any token that would complete an n-gram the hypothesis already contains.</summary>
internal static class NoRepeatNgram
{
    public static void Ban(IReadOnlyList<int> generated, int n, Span<float> logProbs)
    {
        if (n <= 0 || generated.Count < n)
        {
            return;
        }

        var prefixStart = generated.Count - (n - 1);
        for (var j = 0; j + n <= generated.Count; j++)
        {
            var matches = true;
            for (var k = 0; k < n - 1 && matches; k++)
            {
                matches = generated[j + k] == generated[prefixStart + k];
            }

            if (matches)
            {
                logProbs[generated[j + n - 1]] = float.NegativeInfinity;
            }
        }
    }
}
