using NlpHost.Tasks.Cluster.Algorithms;

namespace NlpHost.Tasks.Cluster.Tests;

/// <summary>Automatic k scores each merged level after refining it by k-means, so a bad merge is not scored as it stands.</summary>
public sealed class LevelScoresTests
{
    // Three tight groups of 20 unit vectors around orthogonal axes of 3-D space.
    private static (float[][] Points, int[] Groups) ThreeGroups()
    {
        var random = new Random(7);
        var points = new List<float[]>();
        var groups = new List<int>();
        for (var g = 0; g < 3; g++)
        {
            for (var i = 0; i < 20; i++)
            {
                var v = new float[3];
                v[g] = 1;
                for (var j = 0; j < 3; j++)
                {
                    v[j] += (float)(0.05 * (random.NextDouble() - 0.5));
                }

                points.Add(SphericalKMeans.Normalize(v));
                groups.Add(g);
            }
        }

        return ([.. points], [.. groups]);
    }

    [Fact]
    public void A_level_that_merged_two_real_groups_is_refined_before_it_is_scored()
    {
        var (points, groups) = ThreeGroups();
        // Level 3 as a centroid merge can leave it: groups 0 and 1 joined early, while two stray points of group 1
        // still make a cluster of their own.
        int[] Merged(int k) => k == 3
            ? [.. groups.Select((g, i) => g == 2 ? 2 : g == 1 && i < 22 ? 1 : 0)]
            : [.. groups.Select(g => Math.Min(g, k - 1))];

        var scores = LevelScores.Compute(points, Merged, maxK: 3, new Random(1), CancellationToken.None);

        var labels = scores.LabelsAt(3);
        // Each refined cluster is one real group: the three groups come back.
        Assert.Equal(3, labels.Distinct().Count());
        Assert.All(Enumerable.Range(0, 3), g => Assert.Single(labels.Where((_, i) => groups[i] == g).Distinct()));
        Assert.True(scores.Curve.Single(s => s.K == 3).Silhouette > scores.Curve.Single(s => s.K == 2).Silhouette);
    }

    [Fact]
    public void Three_clear_groups_are_chosen_as_three_clusters()
    {
        var (points, groups) = ThreeGroups();

        var result = AutomaticK.Fit(points, points.Length, maxK: 10, ClusterGranularity.Medium, new Random(3), CancellationToken.None);

        Assert.Equal(3, result.Partition.K);
        Assert.All(Enumerable.Range(0, 3), g => Assert.Single(result.Partition.Labels.Where((_, i) => groups[i] == g).Distinct()));
    }
}
