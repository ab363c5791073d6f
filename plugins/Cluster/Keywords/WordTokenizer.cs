namespace NlpHost.Tasks.Cluster.Keywords;

/// <summary>Lower-cased words of letters (with inner apostrophes), for counting terms.</summary>
internal static class WordTokenizer
{
    public static IEnumerable<string> Words(string text) => Tokens(text).Select(t => t.Word);

    /// <summary>
    /// The words, each with whether it follows the previous word across nothing but spaces: a comma, a number or a
    /// dropped short word between two words means they are no phrase ("processor, a brighter screen").
    /// </summary>
    public static IEnumerable<(string Word, bool Joined)> Tokens(string text)
    {
        var start = -1;
        var previousEnd = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var isWordChar = i < text.Length && (char.IsLetter(text[i]) || (text[i] == '\'' && start >= 0));
            if (isWordChar && start < 0)
            {
                start = i;
            }
            else if (!isWordChar && start >= 0)
            {
                var word = text[start..i].Trim('\'');
                // "laptop's" counts as "laptop": the possessive would make one word two terms.
                if (word.EndsWith("'s", StringComparison.OrdinalIgnoreCase))
                {
                    word = word[..^2];
                }

                if (word.Length >= 3)
                {
                    var joined = previousEnd >= 0 && string.IsNullOrWhiteSpace(text[previousEnd..start]) && previousEnd < start;
                    yield return (word.ToLowerInvariant(), joined);
                    previousEnd = i;
                }
                else
                {
                    previousEnd = -1;
                }

                start = -1;
            }
        }
    }
}
