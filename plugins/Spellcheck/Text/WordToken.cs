namespace NlpHost.Tasks.Spellcheck.Text;

/// <summary>What a token is; only <see cref="Word"/> is ever checked.</summary>
internal enum TokenKind
{
    Word,
    Url,
    Email,
    Number,
    CodeLike,
    Acronym,
    MixedCase,
    Foreign,
}

/// <summary>A token and where it is in the text.</summary>
/// <param name="Start">Index of its first character.</param>
/// <param name="Length">Number of characters.</param>
/// <param name="Kind">Word to check, or why it is skipped.</param>
/// <param name="SentenceStart">First word of a sentence: a capital there says nothing about being a name.</param>
internal readonly record struct WordToken(int Start, int Length, TokenKind Kind, bool SentenceStart)
{
    public int End => Start + Length;
}
