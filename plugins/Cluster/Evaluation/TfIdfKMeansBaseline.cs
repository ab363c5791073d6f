using NlpHost.Tasks.Cluster.Algorithms;
using NlpHost.Tasks.Cluster.Representation;

namespace NlpHost.Tasks.Cluster.Evaluation;

/// <summary>
/// The classic baseline: TF-IDF vectors (min_df 5, max_df 0.5, stop words removed, as scikit-learn's
/// 20 Newsgroups example) clustered by the plugin's spherical k-means, best of three runs; vectors stay sparse.
/// </summary>
internal static class TfIdfKMeansBaseline
{
    public static int[] Cluster(IReadOnlyList<string> texts, int k, int seed, CancellationToken cancellationToken)
    {
        var vectors = TfIdfVectorizer.Vectorize(texts, minDf: texts.Count >= 1000 ? 5 : 1, out var dimension);
        var points = new SparseVectors(vectors, dimension);
        return SphericalKMeans.Fit(points, Math.Min(k, points.Count), new Random(seed), cancellationToken: cancellationToken).Labels;
    }
}
