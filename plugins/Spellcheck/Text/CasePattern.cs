namespace NlpHost.Tasks.Spellcheck.Text;

/// <summary>The capitalisation of a word, carried over to its replacement.</summary>
internal enum CasePattern
{
    Lower,
    Title,
    Upper,
    Mixed,
}

internal static class CasePatterns
{
    public static CasePattern Of(ReadOnlySpan<char> word)
    {
        int upper = 0, lower = 0;
        foreach (var c in word)
        {
            if (char.IsUpper(c))
            {
                upper++;
            }
            else if (char.IsLower(c))
            {
                lower++;
            }
        }

        return upper == 0 ? CasePattern.Lower
            : lower == 0 && upper > 1 ? CasePattern.Upper
            : upper == 1 && char.IsUpper(word[0]) ? CasePattern.Title
            : lower == 0 ? CasePattern.Title
            : CasePattern.Mixed;
    }

    /// <summary>Gives a lower-case replacement the original's capitalisation (Title capitalises the first word only).</summary>
    public static string Apply(string lowerReplacement, CasePattern pattern) => pattern switch
    {
        CasePattern.Upper => lowerReplacement.ToUpperInvariant(),
        CasePattern.Title when lowerReplacement.Length > 0 => char.ToUpperInvariant(lowerReplacement[0]) + lowerReplacement[1..],
        _ => lowerReplacement,
    };
}
