namespace NlpHost.Tasks.Spellcheck;

/// <summary>Text to correct.</summary>
public sealed record SpellcheckInput(string Text);

/// <summary>Per-job options of <c>spellcheck</c>.</summary>
public sealed record SpellcheckOptions
{
    /// <summary>Largest edit distance considered (1 or 2).</summary>
    public int MaxEditDistance { get; init; } = 2;

    /// <summary>How many alternatives to list per correction.</summary>
    public int Alternatives { get; init; } = 3;

    /// <summary>Whether the context head (when configured) chooses among candidates; false = the noisy channel alone, no backbone.</summary>
    public bool Context { get; init; } = true;

    /// <summary>Whether known words of a confusion set (their/there) may be replaced; needs the context head.</summary>
    public bool RealWords { get; init; } = true;
}

/// <summary>One correction; <see cref="Start"/> and <see cref="Length"/> index the original text.</summary>
public sealed record SpellcheckCorrection(int Start, int Length, string Original, string Replacement, double Confidence, IReadOnlyList<string> Alternatives);

/// <summary>The corrected text and each change made.</summary>
public sealed record SpellcheckOutput(string Text, IReadOnlyList<SpellcheckCorrection> Corrections);
