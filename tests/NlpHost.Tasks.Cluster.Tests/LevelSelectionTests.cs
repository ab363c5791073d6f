using NlpHost.Tasks.Cluster.Algorithms;

namespace NlpHost.Tasks.Cluster.Tests;

/// <summary>Automatic k takes the first peak of the silhouette curve that is well above its lowest point.</summary>
public sealed class LevelSelectionTests
{
    private static List<KScore> Curve(params double[] silhouettes) =>
        [.. silhouettes.Select((s, i) => new KScore(i + 2, 0, s))];

    [Fact]
    public void A_steep_rise_before_the_peak_does_not_stop_the_choice()
    {
        // The shape of five summarization corpora: most of the rise comes at k = 3, the peak at k = 5. The elbow
        // (the smallest k half-way up) stopped at 3.
        var curve = Curve(0.112, 0.164, 0.176, 0.186, 0.178, 0.145, 0.134, 0.137);

        Assert.Equal(5, LevelSelection.Choose(curve, ClusterGranularity.Medium).K);
    }

    [Fact]
    public void An_early_bump_low_on_a_rising_curve_is_not_a_peak_worth_taking()
    {
        // Twenty newsgroups: k = 2 beats k = 3 but sits near the bottom of a curve that keeps rising.
        var curve = Curve(0.052, 0.044, 0.057, 0.062, 0.078, 0.075, 0.081, 0.090, 0.085);

        Assert.Equal(6, LevelSelection.Choose(curve, ClusterGranularity.Medium).K);
        Assert.Equal(9, LevelSelection.Choose(curve, ClusterGranularity.Fine).K);
    }

    [Fact]
    public void Coarse_never_picks_more_clusters_than_medium_and_fine_takes_the_best()
    {
        var curve = Curve(0.05, 0.09, 0.08, 0.12, 0.11, 0.15, 0.14);

        var coarse = LevelSelection.Choose(curve, ClusterGranularity.Coarse);
        var medium = LevelSelection.Choose(curve, ClusterGranularity.Medium);
        var fine = LevelSelection.Choose(curve, ClusterGranularity.Fine);

        Assert.Equal(3, coarse.K);   // 0.09 is 0.4 of the way from 0.05 to 0.15: enough for coarse (0.35)
        Assert.Equal(5, medium.K);   // ... not for medium (0.5); 0.12 is 0.7 of the way
        Assert.Equal(7, fine.K);
        Assert.Contains("first peak", medium.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void A_curve_still_rising_at_the_last_k_ends_on_its_top()
    {
        var curve = Curve(0.01, 0.02, 0.03, 0.04);

        Assert.Equal(5, LevelSelection.Choose(curve, ClusterGranularity.Medium).K);
    }
}
