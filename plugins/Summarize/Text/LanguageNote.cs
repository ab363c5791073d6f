namespace NlpHost.Tasks.Summarize.Text;

/// <summary>What a summary of a non-English document says about itself: the backbone and the head only know English.</summary>
internal static class LanguageNote
{
    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        ["de"] = "German", ["fr"] = "French", ["es"] = "Spanish", ["it"] = "Italian", ["pt"] = "Portuguese", ["nl"] = "Dutch",
        ["ru"] = "Cyrillic-script (probably Russian)", ["el"] = "Greek", ["he"] = "Hebrew", ["ar"] = "Arabic-script", ["hi"] = "Devanagari-script (probably Hindi)",
        ["th"] = "Thai", ["ja"] = "Japanese", ["zh"] = "Chinese", ["ko"] = "Korean",
    };

    /// <summary>Null for English or an undetermined language (nothing to warn about that we know).</summary>
    public static string? For(string language) => Names.TryGetValue(language, out var name)
        ? $"The text looks {name} ({language}). The sentence encoder and the salience head were trained on English only, so the sentences "
          + "were chosen mostly by position, length and word overlap; the summary may miss the key fact. Check it, or translate the text first."
        : null;
}
