using NlpHost.Tasks.Spellcheck.Text;

namespace NlpHost.Tasks.Spellcheck.Correction;

/// <summary>Why a word is questioned.</summary>
internal enum SuspectKind
{
    /// <summary>Not in the lexicon: it will be replaced by its best candidate.</summary>
    Unknown,

    /// <summary>A known word of a confusion set (their/there): replaced only when the context head is sure.</summary>
    Confusable,
}

/// <summary>A questioned word and its ranked candidates.</summary>
/// <param name="Token">Index of the word in <see cref="CorrectionPlan.Tokens"/>.</param>
/// <param name="Original">The word as written.</param>
/// <param name="Kind">Unknown word or confusable known word.</param>
/// <param name="Candidates">Noisy-channel order, best first; for a confusable word the typed word is among them.</param>
/// <param name="TypedIndex">Position of the typed word in <paramref name="Candidates"/>, or -1 for an unknown word.</param>
internal sealed record Suspect(int Token, string Original, SuspectKind Kind, List<Suggestion> Candidates, int TypedIndex);

/// <summary>
/// What the corrector found in a text before choosing: the tokens, the joins it already made, and the questioned
/// words with their candidates. The choice is the noisy channel's alone, or the context head's.
/// </summary>
internal sealed record CorrectionPlan(string Text, List<WordToken> Tokens, List<SpellcheckCorrection> Joins, List<Suspect> Suspects);

/// <summary>The chosen order of a suspect's candidates (indices into <see cref="Suspect.Candidates"/>) and the first one's probability.</summary>
/// <param name="Order">Best first; empty means leave the word as it is.</param>
/// <param name="Confidence">Probability of the first, 0..1.</param>
internal sealed record Choice(IReadOnlyList<int> Order, double Confidence)
{
    public static readonly Choice Keep = new([], 1);

    /// <summary>The noisy channel's own order: an unknown word takes its best candidate; a known word stays.</summary>
    public static Choice NoisyChannel(Suspect suspect) =>
        suspect.Kind == SuspectKind.Confusable ? Keep : new Choice([.. Enumerable.Range(0, suspect.Candidates.Count)], CandidateRanker.Confidence(suspect.Candidates));
}
