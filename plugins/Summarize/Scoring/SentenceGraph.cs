using System.Numerics.Tensors;

namespace NlpHost.Tasks.Summarize.Scoring;

/// <summary>Cosine similarities between sentence embeddings and LexRank centrality over them.</summary>
internal static class SentenceGraph
{
    private const double Damping = 0.85;
    private const int MaxIterations = 100;
    private const double Tolerance = 1e-6;

    /// <summary>Pairwise cosine similarity; the embeddings are L2-normalised, so a dot product.</summary>
    public static float[][] Similarities(IReadOnlyList<float[]> embeddings)
    {
        var n = embeddings.Count;
        var similarity = new float[n][];
        for (var i = 0; i < n; i++)
        {
            similarity[i] = new float[n];
            for (var j = 0; j <= i; j++)
            {
                similarity[i][j] = TensorPrimitives.Dot(embeddings[i], embeddings[j]);
                similarity[j][i] = similarity[i][j];
            }
        }

        return similarity;
    }

    /// <summary>
    /// Continuous LexRank (Erkan and Radev 2004): PageRank over the graph whose edges are the positive cosine
    /// similarities between different sentences. Scaled by n, so 1 is an average sentence whatever the length.
    /// </summary>
    public static double[] LexRank(float[][] similarity)
    {
        var n = similarity.Length;
        var rank = Enumerable.Repeat(1.0 / Math.Max(n, 1), n).ToArray();
        if (n < 2)
        {
            return [.. rank.Select(r => r * n)];
        }

        var rowSums = new double[n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                rowSums[i] += i == j ? 0 : Math.Max(similarity[i][j], 0);
            }
        }

        var next = new double[n];
        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            // A sentence similar to nothing spreads its rank evenly (a dangling node).
            var dangling = Enumerable.Range(0, n).Where(i => rowSums[i] <= 0).Sum(i => rank[i]) / n;
            for (var j = 0; j < n; j++)
            {
                var inflow = 0.0;
                for (var i = 0; i < n; i++)
                {
                    if (i != j && rowSums[i] > 0)
                    {
                        inflow += rank[i] * Math.Max(similarity[i][j], 0) / rowSums[i];
                    }
                }

                next[j] = (1 - Damping) / n + Damping * (inflow + dangling);
            }

            var change = rank.Zip(next, (a, b) => Math.Abs(a - b)).Sum();
            (rank, next) = (next, rank);
            if (change < Tolerance)
            {
                break;
            }
        }

        return [.. rank.Select(r => r * n)];
    }
}
