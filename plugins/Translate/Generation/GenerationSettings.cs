namespace NlpHost.Tasks.Translate.Generation;

/// <summary>How one batch of sentences is searched; sentences batch together only when these are equal.</summary>
/// <param name="BeamSize">1 is greedy search.</param>
/// <param name="LengthPenalty">Finished beams are ranked by log-probability / length^penalty (Hugging Face's definition).</param>
/// <param name="NoRepeatNgramSize">A token that would repeat an n-gram already generated is banned; 0 turns the guard off.</param>
/// <param name="UseCache">Feed the decoder's present key/values back as its past (false recomputes the prefix every step; for tests).</param>
internal sealed record GenerationSettings(int BeamSize, double LengthPenalty, int NoRepeatNgramSize, bool UseCache = true);

/// <summary>The decoder's special tokens.</summary>
/// <param name="Start">The token the decoder starts from (BOS for NlpHost heads, pad for Marian).</param>
/// <param name="End">End of sentence: generation stops there.</param>
/// <param name="Pad">Padding (never part of an output).</param>
internal sealed record SpecialTokens(int Start, int End, int Pad);
