using NlpHost.Tasks.Cluster.Algorithms;

namespace NlpHost.Tasks.Cluster.Tests;

// Every expected value below was worked out by hand from the definitions (core distance with the point itself as
// its first neighbour, mutual reachability, condensed tree, excess of mass); the working is in the comments.
public sealed class HdbscanTests
{
    private static float[][] Line(params float[] xs) => [.. xs.Select(x => new[] { x })];

    [Fact]
    public void Two_groups_and_a_far_point_give_two_clusters_and_one_noise_point()
    {
        // minSamples 2: core = distance to the nearest other point = 1 for the groups, 38 for 50.
        // MST (mutual reachability): four edges of 1 inside the groups, 2–3 at max(1, 1, 8) = 8, 5–6 at 38.
        // At 38 the point 50 falls out of the root (λ = 1/38); at 8 the root splits into two clusters of 3 (born
        // λ = 1/8); each then loses all its points at distance 1 (λ = 1): stability 3 · (1 − 1/8) = 2.625 each.
        var result = Hdbscan.Fit(Line(0, 1, 2, 10, 11, 12, 50), minClusterSize: 2, minSamples: 2, CancellationToken.None);

        Assert.Equal([0, 0, 0, 1, 1, 1, -1], result.Labels);
        Assert.Equal([2.625, 2.625], result.Stabilities.Select(s => Math.Round(s, 9)));
    }

    [Fact]
    public void Excess_of_mass_keeps_children_that_outlive_their_parent()
    {
        // minSamples 1: reachability is plain distance. G1 = {0, 0.1, 1, 1.1}, G2 = {1000, 1000.1, 1000.25, 1000.45}.
        // G1 is born at λ ≈ 1/998.9 and splits at 0.9 (λ = 1.11) into two pairs that die at 0.1 (λ = 10):
        // children 2 · 2 · (10 − 1.11) = 35.6 > G1's own 4 · (1.11 − 0.001) = 4.4, so the pairs are selected.
        // G2 sheds single points at 0.2, 0.15, 0.1 and never splits into two clusters of 2: a leaf, selected.
        var result = Hdbscan.Fit(Line(0, 0.1f, 1, 1.1f, 1000, 1000.1f, 1000.25f, 1000.45f), minClusterSize: 2, minSamples: 1, CancellationToken.None);

        Assert.Equal(3, result.Stabilities.Length);
        Assert.Equal(result.Labels[0], result.Labels[1]);
        Assert.Equal(result.Labels[2], result.Labels[3]);
        Assert.NotEqual(result.Labels[0], result.Labels[2]);
        Assert.All(result.Labels[4..], l => Assert.Equal(result.Labels[4], l));
        Assert.DoesNotContain(-1, result.Labels);
    }

    [Fact]
    public void Excess_of_mass_keeps_a_parent_more_stable_than_its_children()
    {
        // As above with G1 = {0, 0.1, 0.25, 0.35}: it splits at 0.15 (λ = 6.67) into pairs dying at λ = 10.
        // Children 2 · 2 · (10 − 6.67) = 13.3 < G1's 4 · (6.67 − 0.001) = 26.7: G1 stays one cluster.
        var result = Hdbscan.Fit(Line(0, 0.1f, 0.25f, 0.35f, 1000, 1000.1f, 1000.25f, 1000.45f), minClusterSize: 2, minSamples: 1, CancellationToken.None);

        Assert.Equal(2, result.Stabilities.Length);
        Assert.All(result.Labels[..4], l => Assert.Equal(result.Labels[0], l));
        Assert.All(result.Labels[4..], l => Assert.Equal(result.Labels[4], l));
        Assert.NotEqual(result.Labels[0], result.Labels[4]);
        Assert.Equal(4 * ((1 / 0.15) - (1 / 999.65)), result.Stabilities[result.Labels[0]], 6);
    }

    [Fact]
    public void Core_distance_counts_the_point_itself_as_its_first_neighbour()
    {
        var core = Hdbscan.CoreDistances(Line(0, 1, 3), minSamples: 2, CancellationToken.None);

        Assert.Equal([1, 1, 2], core);
    }

    [Fact]
    public void Fewer_points_than_the_minimum_cluster_size_are_all_noise()
    {
        var result = Hdbscan.Fit(Line(0, 1), minClusterSize: 3, minSamples: 1, CancellationToken.None);

        Assert.Equal([-1, -1], result.Labels);
    }

    [Fact]
    public void A_tree_that_never_splits_is_one_cluster()
    {
        // Evenly spaced: every split sheds one point (minClusterSize 3), so the root has no child clusters.
        var result = Hdbscan.Fit(Line(0, 1, 2, 3, 4), minClusterSize: 3, minSamples: 1, CancellationToken.None);

        Assert.Equal([0, 0, 0, 0, 0], result.Labels);
    }
}
