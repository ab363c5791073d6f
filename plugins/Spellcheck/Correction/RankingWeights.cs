namespace NlpHost.Tasks.Spellcheck.Correction;

/// <summary>Weights of the noisy-channel score, from <see cref="SpellcheckSettings"/> (where the defaults are).</summary>
/// <param name="Channel">Nats lost per unit of weighted edit cost.</param>
/// <param name="Context">Weight of the bigram association with the neighbouring words.</param>
/// <param name="Split">Extra cost, in edit units, of splitting one typed word into two.</param>
/// <param name="SoundAlike">Edit units forgiven when the candidate sounds like the typed word (same <see cref="Candidates.PhoneticKey"/>).</param>
internal sealed record RankingWeights(double Channel, double Context, double Split, double SoundAlike);
