namespace NlpHost.Tasks.Clustering.Keywords;

/// <summary>Lower-cased words of letters (with inner apostrophes), for counting terms.</summary>
internal static class WordTokenizer
{
    public static IEnumerable<string> Words(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var isWordChar = i < text.Length && (char.IsLetter(text[i]) || (text[i] == '\'' && start >= 0));
            if (isWordChar && start < 0)
            {
                start = i;
            }
            else if (!isWordChar && start >= 0)
            {
                // "laptop's" counts as "laptop": the possessive would split one word into two terms.
                var word = text[start..i].Trim('\'');
                if (word.EndsWith("'s", StringComparison.OrdinalIgnoreCase))
                {
                    word = word[..^2];
                }

                start = -1;
                if (word.Length >= 3)
                {
                    yield return word.ToLowerInvariant();
                }
            }
        }
    }
}
