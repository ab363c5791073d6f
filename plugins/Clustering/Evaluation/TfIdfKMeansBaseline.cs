using NlpHost.Tasks.Clustering.Representation;

namespace NlpHost.Tasks.Clustering.Evaluation;

/// <summary>
/// The classic baseline: TF-IDF vectors (min_df 5, max_df 0.5, stop words removed, as scikit-learn's
/// 20 Newsgroups example) clustered by spherical k-means with k-means++ seeds, best of three runs.
/// Vectors stay sparse; centroids are dense over the vocabulary.
/// </summary>
internal static class TfIdfKMeansBaseline
{
    public static int[] Cluster(IReadOnlyList<string> texts, int k, int seed, CancellationToken cancellationToken)
    {
        var vectors = TfIdfVectorizer.Vectorize(texts, minDf: 5, out var dimension);
        var random = new Random(seed);
        var runs = Enumerable.Range(0, 3).Select(_ => FitOnce(vectors, dimension, k, random, cancellationToken)).ToList();
        return runs.MinBy(r => r.Inertia).Labels;
    }

    private static (int[] Labels, double Inertia) FitOnce(List<SparseVector> vectors, int dimension, int k, Random random, CancellationToken cancellationToken)
    {
        var centroids = Seed(vectors, dimension, k, random);
        var labels = new int[vectors.Count];
        double inertia = 0;
        for (var iteration = 0; iteration < 100; iteration++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var changed = 0;
            inertia = 0;
            for (var i = 0; i < vectors.Count; i++)
            {
                var (nearest, similarity) = Enumerable.Range(0, k).Select(c => (c, s: vectors[i].Dot(centroids[c]))).MaxBy(x => x.s);
                inertia += 1 - similarity;
                changed += labels[i] != nearest || iteration == 0 ? 1 : 0;
                labels[i] = nearest;
            }

            if (changed == 0)
            {
                break;
            }

            centroids = Update(vectors, labels, k, dimension, random);
        }

        return (labels, inertia);
    }

    private static float[][] Seed(List<SparseVector> vectors, int dimension, int k, Random random)
    {
        var chosen = new List<int> { random.Next(vectors.Count) };
        var distance = vectors.Select(v => (double)Math.Max(0, 1 - v.Dot(vectors[chosen[0]]))).ToArray();
        while (chosen.Count < k)
        {
            var target = distance.Sum() * random.NextDouble();
            var next = 0;
            while (next < distance.Length - 1 && (target -= distance[next]) > 0)
            {
                next++;
            }

            chosen.Add(next);
            for (var i = 0; i < vectors.Count; i++)
            {
                distance[i] = Math.Min(distance[i], Math.Max(0, 1 - vectors[i].Dot(vectors[next])));
            }
        }

        return [.. chosen.Select(c => vectors[c].ToDense(dimension))];
    }

    private static float[][] Update(List<SparseVector> vectors, int[] labels, int k, int dimension, Random random)
    {
        var sums = Enumerable.Range(0, k).Select(_ => new float[dimension]).ToArray();
        var counts = new int[k];
        for (var i = 0; i < vectors.Count; i++)
        {
            var (index, value) = vectors[i];
            for (var j = 0; j < index.Length; j++)
            {
                sums[labels[i]][index[j]] += value[j];
            }

            counts[labels[i]]++;
        }

        for (var c = 0; c < k; c++)
        {
            var centroid = counts[c] == 0 ? vectors[random.Next(vectors.Count)].ToDense(dimension) : sums[c];
            var norm = MathF.Sqrt(centroid.Sum(x => x * x));
            sums[c] = [.. centroid.Select(x => norm > 0 ? x / norm : 0)];
        }

        return sums;
    }
}
