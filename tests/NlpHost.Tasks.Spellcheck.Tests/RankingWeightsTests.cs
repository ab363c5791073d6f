using NlpHost.Abstractions.Plugins;
using NlpHost.Testing;

namespace NlpHost.Tasks.Spellcheck.Tests;

public sealed class RankingWeightsTests
{
    [Fact]
    public void Settings_override_the_defaults()
    {
        var weights = PluginSettings.Bind<SpellcheckSettings>("spellcheck", ("ChannelWeight", "4.5"), ("ContextWeight", "0")).Weights();

        Assert.Equal(4.5, weights.Channel);
        Assert.Equal(0, weights.Context);
        Assert.Equal(new SpellcheckSettings().SoundAlikeBonus, weights.SoundAlike);
    }

    [Fact]
    public void A_bad_setting_is_refused_naming_its_key()
    {
        var error = Assert.Throws<TaskConfigurationException>(() => PluginSettings.Bind<SpellcheckSettings>("spellcheck", ("SplitCost", "-1")));

        Assert.Equal("Plugins:spellcheck:SplitCost", error.Key);
        Assert.Contains("got '-1'", error.Message, StringComparison.Ordinal);
    }
}
