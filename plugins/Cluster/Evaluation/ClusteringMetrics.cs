namespace NlpHost.Tasks.Cluster.Evaluation;

/// <summary>
/// External clustering scores against gold labels, with scikit-learn's definitions: homogeneity,
/// completeness and V-measure (beta = 1), NMI (arithmetic normalization) and the adjusted Rand index.
/// </summary>
internal static class ClusteringMetrics
{
    public sealed record Scores(double Homogeneity, double Completeness, double VMeasure, double Nmi, double Ari);

    public static Scores Compute(IReadOnlyList<string> gold, IReadOnlyList<int> predicted)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(predicted.Count, gold.Count);
        var n = (double)gold.Count;
        var classes = gold.Distinct(StringComparer.Ordinal).Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i, StringComparer.Ordinal);
        var clusters = predicted.Distinct().Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i);
        var table = new long[classes.Count, clusters.Count];
        for (var i = 0; i < gold.Count; i++)
        {
            table[classes[gold[i]], clusters[predicted[i]]]++;
        }

        var classSums = Enumerable.Range(0, classes.Count).Select(c => Enumerable.Range(0, clusters.Count).Sum(k => table[c, k])).ToArray();
        var clusterSums = Enumerable.Range(0, clusters.Count).Select(k => Enumerable.Range(0, classes.Count).Sum(c => table[c, k])).ToArray();
        var hClass = Entropy(classSums, n);
        var hCluster = Entropy(clusterSums, n);
        double mutual = 0;
        for (var c = 0; c < classes.Count; c++)
        {
            for (var k = 0; k < clusters.Count; k++)
            {
                if (table[c, k] > 0)
                {
                    mutual += table[c, k] / n * Math.Log(n * table[c, k] / ((double)classSums[c] * clusterSums[k]));
                }
            }
        }

        var homogeneity = hClass == 0 ? 1 : mutual / hClass;
        var completeness = hCluster == 0 ? 1 : mutual / hCluster;
        var vMeasure = homogeneity + completeness == 0 ? 0 : 2 * homogeneity * completeness / (homogeneity + completeness);
        var nmi = hClass + hCluster == 0 ? 1 : mutual / ((hClass + hCluster) / 2);
        return new Scores(homogeneity, completeness, vMeasure, nmi, AdjustedRand(table, classSums, clusterSums, gold.Count));
    }

    private static double Entropy(long[] counts, double n) =>
        -counts.Where(c => c > 0).Sum(c => c / n * Math.Log(c / n));

    private static double AdjustedRand(long[,] table, long[] classSums, long[] clusterSums, long n)
    {
        static double Pairs(long x) => x * (x - 1) / 2.0;
        double index = 0;
        foreach (var cell in table)
        {
            index += Pairs(cell);
        }

        var sumClasses = classSums.Sum(Pairs);
        var sumClusters = clusterSums.Sum(Pairs);
        var expected = sumClasses * sumClusters / Pairs(n);
        var maximum = (sumClasses + sumClusters) / 2;
        return maximum == expected ? 1 : (index - expected) / (maximum - expected);
    }
}
