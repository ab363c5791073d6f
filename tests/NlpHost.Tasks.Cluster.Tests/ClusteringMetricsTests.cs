using NlpHost.Tasks.Cluster.Evaluation;

namespace NlpHost.Tasks.Cluster.Tests;

public sealed class ClusteringMetricsTests
{
    [Fact]
    public void Scores_match_scikit_learn_on_its_documented_example()
    {
        // scikit-learn's user guide example. By hand: H(C) = ln 2, H(C|K) = ln 2 / 3, H(K) = ln 3,
        // H(K|C) = ln 3 - (2/3) ln 2; so h = 2/3, c = 0.4206, v = 0.5158; ARI = (2 - 1.2) / (4.5 - 1.2) = 0.2424.
        var scores = ClusteringMetrics.Compute(["0", "0", "0", "1", "1", "1"], [0, 0, 1, 1, 2, 2]);

        Assert.Equal(0.6667, scores.Homogeneity, 4);
        Assert.Equal(0.4206, scores.Completeness, 4);
        Assert.Equal(0.5158, scores.VMeasure, 4);
        Assert.Equal(0.2424, scores.Ari, 4);
    }

    [Fact]
    public void A_perfect_clustering_scores_one_whatever_the_cluster_numbers()
    {
        var scores = ClusteringMetrics.Compute(["a", "a", "b", "b", "c"], [7, 7, 2, 2, 0]);

        Assert.Equal(1, scores.VMeasure, 9);
        Assert.Equal(1, scores.Nmi, 9);
        Assert.Equal(1, scores.Ari, 9);
    }
}
