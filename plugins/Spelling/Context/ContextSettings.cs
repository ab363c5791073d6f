using Microsoft.Extensions.Configuration;

namespace NlpHost.Tasks.Spelling.Context;

/// <summary>Settings of the context head's choice, from <c>Plugins:spellcheck</c>.</summary>
/// <param name="Candidates">How many of the noisy channel's best candidates the head reorders.</param>
/// <param name="RealWordThreshold">Probability the head must give another word before a known word is replaced.</param>
/// <param name="WindowWords">Words of the sentence kept on each side of a questioned word.</param>
internal sealed record ContextSettings(int Candidates = 8, double RealWordThreshold = 0.9, int WindowWords = 24)
{
    public static ContextSettings From(IConfiguration settings)
    {
        var defaults = new ContextSettings();
        return new ContextSettings(
            SpellcheckSettings.Integer(settings, "ContextCandidates", defaults.Candidates, v => v is >= 1 and <= 64, "a whole number in 1..64"),
            SpellcheckSettings.Number(settings, "RealWordThreshold", defaults.RealWordThreshold, v => v is > 0 and <= 1, "a number above 0 and at most 1"),
            SpellcheckSettings.Integer(settings, "ContextWindowWords", defaults.WindowWords, v => v is >= 1 and <= 128, "a whole number in 1..128"));
    }
}
