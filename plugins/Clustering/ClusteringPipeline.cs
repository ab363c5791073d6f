using NlpHost.Abstractions.Plugins;
using NlpHost.Tasks.Clustering.Algorithms;
using NlpHost.Tasks.Clustering.Representation;

namespace NlpHost.Tasks.Clustering;

/// <summary>Embeds documents on the shared backbone and clusters them; shared by the task and its evaluator.</summary>
internal static class ClusteringPipeline
{
    private const int EmbeddingChunk = 256;

    // Vectors: what was clustered (embeddings or hybrid vectors), the space the centroids live in.
    public sealed record Outcome(IReadOnlyList<float[]> Vectors, SphericalKMeans.Result Fit, double? Silhouette);

    public static async Task<Outcome> RunAsync(IReadOnlyList<string> texts, ClusterOptions options, TaskContext context, CancellationToken cancellationToken)
    {
        var embeddings = await EmbedAsync(texts, context, cancellationToken).ConfigureAwait(false);
        context.Progress.Report(new TaskProgress(0.8, "clustering"));
        var random = new Random(options.Seed);
        var vectors = DocumentVectors.Build(texts, embeddings, options, random);
        // Identical texts embed identically; more clusters than distinct texts cannot be formed.
        var distinct = texts.Distinct(StringComparer.Ordinal).Count();
        if (options.Algorithm == ClusterAlgorithm.Agglomerative)
        {
            var tree = AverageLinkage.Fit(vectors, options.DistanceThreshold, options.K is { } wanted ? Math.Min(wanted, distinct) : null, random, cancellationToken);
            return new Outcome(vectors, tree, null);
        }

        var (k, silhouette) = options.K is { } given
            ? (Math.Min(given, distinct), null)
            : KSelection.Choose(vectors, Math.Min(options.MaxK, distinct), random, cancellationToken);
        var fit = SphericalKMeans.Fit(vectors, k, random, cancellationToken: cancellationToken);
        return new Outcome(vectors, fit, silhouette);
    }

    private static async Task<List<float[]>> EmbedAsync(IReadOnlyList<string> texts, TaskContext context, CancellationToken cancellationToken)
    {
        var embeddings = new List<float[]>(texts.Count);
        for (var start = 0; start < texts.Count; start += EmbeddingChunk)
        {
            var chunk = texts.Skip(start).Take(EmbeddingChunk).ToList();
            embeddings.AddRange(await context.Backbone.EmbedAsync(chunk, cancellationToken).ConfigureAwait(false));
            context.Progress.Report(new TaskProgress(0.8 * embeddings.Count / texts.Count, $"embedded {embeddings.Count}/{texts.Count}"));
        }

        return embeddings;
    }
}
