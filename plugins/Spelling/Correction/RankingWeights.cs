using Microsoft.Extensions.Configuration;

namespace NlpHost.Tasks.Spelling.Correction;

/// <summary>Weights of the noisy-channel score, from <c>Plugins:spellcheck</c> (documented in appsettings.json).</summary>
/// <param name="Channel">Nats lost per unit of weighted edit cost.</param>
/// <param name="Context">Weight of the bigram association with the neighbouring words.</param>
/// <param name="Split">Extra cost, in edit units, of splitting one typed word into two.</param>
/// <param name="SoundAlike">Edit units forgiven when the candidate sounds like the typed word (same <see cref="Candidates.PhoneticKey"/>).</param>
internal sealed record RankingWeights(double Channel = 6.0, double Context = 0.5, double Split = 1.0, double SoundAlike = 0.5)
{
    public static RankingWeights From(IConfiguration settings)
    {
        var defaults = new RankingWeights();
        return new RankingWeights(
            Read(settings, "ChannelWeight", defaults.Channel),
            Read(settings, "ContextWeight", defaults.Context),
            Read(settings, "SplitCost", defaults.Split),
            Read(settings, "SoundAlikeBonus", defaults.SoundAlike));
    }

    private static double Read(IConfiguration settings, string key, double fallback) =>
        SpellcheckSettings.Number(settings, key, fallback, v => v >= 0, "a non-negative number");
}
