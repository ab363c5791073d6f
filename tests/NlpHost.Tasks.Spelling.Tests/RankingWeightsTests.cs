using Microsoft.Extensions.Configuration;
using NlpHost.Tasks.Spelling.Correction;

namespace NlpHost.Tasks.Spelling.Tests;

public sealed class RankingWeightsTests
{
    [Fact]
    public void Settings_override_the_defaults()
    {
        var weights = RankingWeights.From(Settings(("ChannelWeight", "4.5"), ("ContextWeight", "0")));

        Assert.Equal(4.5, weights.Channel);
        Assert.Equal(0, weights.Context);
        Assert.Equal(new RankingWeights().SoundAlike, weights.SoundAlike);
    }

    [Fact]
    public void A_bad_setting_is_refused_naming_its_key()
    {
        var error = Assert.Throws<InvalidOperationException>(() => RankingWeights.From(Settings(("SplitCost", "-1"))));

        Assert.Contains("Plugins:spellcheck:SplitCost", error.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}
