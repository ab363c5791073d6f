namespace NlpHost.Tasks.Spellcheck.Context;

/// <summary>Settings of the context head's choice, from <see cref="SpellcheckSettings"/> (where the defaults are).</summary>
/// <param name="Candidates">How many of the noisy channel's best candidates the head reorders.</param>
/// <param name="RealWordThreshold">Probability the head must give another word before a known word is replaced.</param>
/// <param name="WindowWords">Words of the sentence kept on each side of a questioned word.</param>
internal sealed record ContextSettings(int Candidates, double RealWordThreshold, int WindowWords);
