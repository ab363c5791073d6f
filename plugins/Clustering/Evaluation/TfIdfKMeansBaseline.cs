using NlpHost.Tasks.Clustering.Keywords;

namespace NlpHost.Tasks.Clustering.Evaluation;

/// <summary>
/// The classic baseline: TF-IDF vectors (stop words removed, min_df 5, max_df 0.5, smoothed idf, L2
/// norm, as scikit-learn's 20 Newsgroups example) clustered by spherical k-means with k-means++ seeds.
/// Vectors stay sparse; centroids are dense over the vocabulary.
/// </summary>
internal static class TfIdfKMeansBaseline
{
    public static int[] Cluster(IReadOnlyList<string> texts, int k, int seed, CancellationToken cancellationToken)
    {
        var vectors = Vectorize(texts, out var vocabularySize);
        var random = new Random(seed);
        int[]? best = null;
        var bestInertia = double.MaxValue;
        for (var restart = 0; restart < 3; restart++)
        {
            var (labels, inertia) = FitOnce(vectors, vocabularySize, k, random, cancellationToken);
            if (inertia < bestInertia)
            {
                (best, bestInertia) = (labels, inertia);
            }
        }

        return best!;
    }

    private static (int[] Labels, double Inertia) FitOnce(List<(int[] Index, float[] Value)> vectors, int dimension, int k, Random random, CancellationToken cancellationToken)
    {
        var centroids = new float[k][];
        var chosen = new List<int> { random.Next(vectors.Count) };
        var distance = vectors.Select(v => Math.Max(0, 1 - Dot(v, vectors[chosen[0]]))).ToArray();
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
                distance[i] = Math.Min(distance[i], Math.Max(0, 1 - Dot(vectors[i], vectors[next])));
            }
        }

        for (var c = 0; c < k; c++)
        {
            centroids[c] = Densify(vectors[chosen[c]], dimension);
        }

        var labels = new int[vectors.Count];
        double inertia = 0;
        for (var iteration = 0; iteration < 100; iteration++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var changed = 0;
            inertia = 0;
            for (var i = 0; i < vectors.Count; i++)
            {
                var (nearest, similarity) = Enumerable.Range(0, k).Select(c => (c, s: Dot(vectors[i], centroids[c]))).MaxBy(x => x.s);
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

    private static float[][] Update(List<(int[] Index, float[] Value)> vectors, int[] labels, int k, int dimension, Random random)
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
            var centroid = counts[c] == 0 ? Densify(vectors[random.Next(vectors.Count)], dimension) : sums[c];
            var norm = MathF.Sqrt(centroid.Sum(x => x * x));
            sums[c] = [.. centroid.Select(x => norm > 0 ? x / norm : 0)];
        }

        return sums;
    }

    private static List<(int[] Index, float[] Value)> Vectorize(IReadOnlyList<string> texts, out int vocabularySize)
    {
        var documents = texts.Select(t => WordTokenizer.Words(t).Where(w => !StopWords.English.Contains(w)).GroupBy(w => w, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal)).ToList();
        var documentFrequency = documents.SelectMany(d => d.Keys).GroupBy(w => w, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var vocabulary = documentFrequency.Where(kv => kv.Value >= 5 && kv.Value <= 0.5 * texts.Count)
            .Select((kv, i) => (kv.Key, i)).ToDictionary(x => x.Key, x => x.i, StringComparer.Ordinal);
        vocabularySize = vocabulary.Count;
        var n = texts.Count;
        return [.. documents.Select(d =>
        {
            var terms = d.Where(kv => vocabulary.ContainsKey(kv.Key))
                .Select(kv => (Index: vocabulary[kv.Key], Weight: (float)(kv.Value * (Math.Log((1.0 + n) / (1 + documentFrequency[kv.Key])) + 1))))
                .OrderBy(x => x.Index).ToArray();
            var norm = MathF.Sqrt(terms.Sum(x => x.Weight * x.Weight));
            return (terms.Select(x => x.Index).ToArray(), terms.Select(x => norm > 0 ? x.Weight / norm : 0).ToArray());
        })];
    }

    private static float Dot((int[] Index, float[] Value) a, (int[] Index, float[] Value) b)
    {
        float sum = 0;
        for (int i = 0, j = 0; i < a.Index.Length && j < b.Index.Length;)
        {
            if (a.Index[i] == b.Index[j])
            {
                sum += a.Value[i++] * b.Value[j++];
            }
            else if (a.Index[i] < b.Index[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return sum;
    }

    private static float Dot((int[] Index, float[] Value) a, float[] dense)
    {
        float sum = 0;
        for (var i = 0; i < a.Index.Length; i++)
        {
            sum += a.Value[i] * dense[a.Index[i]];
        }

        return sum;
    }

    private static float[] Densify((int[] Index, float[] Value) a, int dimension)
    {
        var dense = new float[dimension];
        for (var i = 0; i < a.Index.Length; i++)
        {
            dense[a.Index[i]] = a.Value[i];
        }

        return dense;
    }
}
