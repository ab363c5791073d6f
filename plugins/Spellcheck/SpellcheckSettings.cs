using System.ComponentModel.DataAnnotations;
using NlpHost.Tasks.Spellcheck.Context;
using NlpHost.Tasks.Spellcheck.Correction;

namespace NlpHost.Tasks.Spellcheck;

/// <summary>
/// <c>Plugins:spellcheck</c>, bound and validated by the host (documented in appsettings.json and the plugin README);
/// each default is stated here once.
/// </summary>
internal sealed class SpellcheckSettings
{
    /// <summary>Nats lost per unit of weighted edit cost.</summary>
    [Range(0, double.MaxValue)]
    public double ChannelWeight { get; set; } = 6.0;

    /// <summary>Weight of the bigram association with the neighbouring words.</summary>
    [Range(0, double.MaxValue)]
    public double ContextWeight { get; set; } = 0.5;

    /// <summary>Extra cost, in edit units, of splitting one typed word into two.</summary>
    [Range(0, double.MaxValue)]
    public double SplitCost { get; set; } = 1.0;

    /// <summary>Edit units forgiven when the candidate sounds like the typed word.</summary>
    [Range(0, double.MaxValue)]
    public double SoundAlikeBonus { get; set; } = 0.5;

    /// <summary>How many of the noisy channel's best candidates the context head reorders.</summary>
    [Range(1, 64)]
    public int ContextCandidates { get; set; } = 8;

    /// <summary>Probability the context head must give another word before a known word is replaced.</summary>
    [Range(0.0, 1.0, MinimumIsExclusive = true)]
    public double RealWordThreshold { get; set; } = 0.9;

    /// <summary>Words of the sentence kept on each side of a questioned word.</summary>
    [Range(1, 128)]
    public int ContextWindowWords { get; set; } = 24;

    internal RankingWeights Weights() => new(ChannelWeight, ContextWeight, SplitCost, SoundAlikeBonus);

    internal ContextSettings Context() => new(ContextCandidates, RealWordThreshold, ContextWindowWords);
}
