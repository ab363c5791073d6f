using NlpHost.Abstractions.Backbone;

namespace NlpHost.Dashboard.Internal;

/// <summary>A document's place on the 2-D map.</summary>
internal sealed record MapPoint(string Id, double X, double Y);

/// <summary>
/// Projects documents onto the first two principal components of their backbone embeddings, for the cluster map.
/// Computed by the host on demand (the cluster result has no coordinates); power iteration keeps it dependency-free.
/// </summary>
internal sealed class DocumentMap(IBackbone backbone)
{
    public const int MaxDocuments = 2000;
    private const int Iterations = 60;

    public async Task<IReadOnlyList<MapPoint>> ProjectAsync(IReadOnlyList<(string Id, string Text)> documents, CancellationToken cancellationToken)
    {
        var vectors = await backbone.EmbedAsync([.. documents.Select(d => d.Text)], cancellationToken).ConfigureAwait(false);
        var centered = Center(vectors);
        var first = Component(centered, null);
        var second = Component(centered, first);
        return [.. documents.Select((d, i) => new MapPoint(d.Id, Dot(centered[i], first), Dot(centered[i], second)))];
    }

    private static double[][] Center(float[][] vectors)
    {
        var width = vectors.Length == 0 ? 0 : vectors[0].Length;
        var mean = new double[width];
        foreach (var v in vectors)
        {
            for (var j = 0; j < width; j++)
            {
                mean[j] += v[j] / (double)vectors.Length;
            }
        }

        return [.. vectors.Select(v => v.Select((x, j) => x - mean[j]).ToArray())];
    }

    // Power iteration on XᵀX without forming it; the second component is kept orthogonal to the first.
    private static double[] Component(double[][] rows, double[]? orthogonalTo)
    {
        var width = rows.Length == 0 ? 0 : rows[0].Length;
        var v = Enumerable.Range(0, width).Select(j => 1.0 + (j % 7) / 10.0).ToArray();
        for (var iteration = 0; iteration < Iterations; iteration++)
        {
            var next = new double[width];
            foreach (var row in rows)
            {
                var projection = Dot(row, v);
                for (var j = 0; j < width; j++)
                {
                    next[j] += projection * row[j];
                }
            }

            if (orthogonalTo is not null)
            {
                var overlap = Dot(next, orthogonalTo);
                for (var j = 0; j < width; j++)
                {
                    next[j] -= overlap * orthogonalTo[j];
                }
            }

            var norm = Math.Sqrt(Dot(next, next));
            if (norm < 1e-12)
            {
                return next;
            }

            v = [.. next.Select(x => x / norm)];
        }

        return v;
    }

    private static double Dot(double[] a, double[] b)
    {
        var sum = 0.0;
        for (var j = 0; j < a.Length; j++)
        {
            sum += a[j] * b[j];
        }

        return sum;
    }
}
