namespace NlpHost.Tasks.Spellcheck.Text;

/// <summary>Recognises whitespace-separated chunks that are not prose: left exactly as written.</summary>
internal static class ChunkKind
{
    private static readonly System.Buffers.SearchValues<char> CodeCharacters = System.Buffers.SearchValues.Create("_/\\=<>{}[]|#$%^*~`@+()");

    /// <summary>The kind of a chunk (outer punctuation already trimmed) to skip, or null for prose.</summary>
    public static TokenKind? Classify(ReadOnlySpan<char> core)
    {
        if (core.IsEmpty)
        {
            return null;
        }

        if (core.Contains("://", StringComparison.Ordinal) || core.StartsWith("www.", StringComparison.OrdinalIgnoreCase))
        {
            return TokenKind.Url;
        }

        var at = core.IndexOf('@');
        if (at > 0 && core[(at + 1)..].Contains('.') && at < core.Length - 1)
        {
            return TokenKind.Email;
        }

        foreach (var c in core)
        {
            if (char.IsDigit(c))
            {
                return TokenKind.Number;
            }
        }

        if (core.IndexOfAny(CodeCharacters) >= 0 || HasInnerDot(core))
        {
            return TokenKind.CodeLike;
        }

        return null;
    }

    // file.txt, obj.Method, e.g, U.S: a dot between letters is not the end of a sentence.
    private static bool HasInnerDot(ReadOnlySpan<char> core)
    {
        for (var i = 1; i < core.Length - 1; i++)
        {
            if (core[i] == '.' && char.IsLetterOrDigit(core[i - 1]) && char.IsLetterOrDigit(core[i + 1]))
            {
                return true;
            }
        }

        return false;
    }
}
