namespace NlpHost.Tasks.Clustering.Algorithms;

/// <summary>Chooses k by the best mean silhouette, fitting candidates on a sample so large inputs stay cheap.</summary>
internal static class KSelection
{
    private const int FitSample = 4000;
    private const int SilhouetteSample = 1000;

    public static (int K, double? Silhouette) Choose(IReadOnlyList<float[]> points, int maxK, Random random, CancellationToken cancellationToken)
    {
        if (maxK < 2 || points.Count < 3)
        {
            return (1, null);
        }

        var sample = points.Count <= FitSample ? points : [.. points.OrderBy(_ => random.Next()).Take(FitSample)];
        var silhouette = new Silhouette(sample, Math.Min(SilhouetteSample, sample.Count), random);
        var best = (K: 1, Score: double.NegativeInfinity);
        for (var k = 2; k <= Math.Min(maxK, sample.Count - 1); k++)
        {
            var fit = SphericalKMeans.Fit(sample, k, random, restarts: sample.Count <= 1000 ? 5 : 1, cancellationToken: cancellationToken);
            var score = silhouette.Score(fit.Labels, k);
            if (score > best.Score)
            {
                best = (k, score);
            }
        }

        return (best.K, best.Score);
    }
}
