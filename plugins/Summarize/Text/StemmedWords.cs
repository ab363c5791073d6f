namespace NlpHost.Tasks.Summarize.Text;

/// <summary>
/// Words as ROUGE counts them (Google rouge-score with <c>use_stemmer=True</c>): lower-case, every run of characters
/// other than [a-z0-9] a separator, words longer than 3 characters Porter-stemmed. TextRank's sentence overlap uses the
/// same words as the metric the summaries are scored by, and the evaluation's ROUGE reads them from here.
/// </summary>
internal static class StemmedWords
{
    public static List<string> Of(string text)
    {
        var tokens = new List<string>();
        var lower = text.ToLowerInvariant();
        var start = -1;
        for (var i = 0; i <= lower.Length; i++)
        {
            var inToken = i < lower.Length && lower[i] is >= 'a' and <= 'z' or >= '0' and <= '9';
            if (inToken && start < 0)
            {
                start = i;
            }
            else if (!inToken && start >= 0)
            {
                var token = lower[start..i];
                tokens.Add(token.Length > 3 ? PorterStemmer.Stem(token) : token);
                start = -1;
            }
        }

        return tokens;
    }
}
