using NlpHost.Abstractions.Plugins;
using NlpHost.Tasks.Cluster.Algorithms;
using NlpHost.Tasks.Cluster.Representation;

namespace NlpHost.Tasks.Cluster;

/// <summary>Embeds documents on the shared backbone and clusters them; shared by the task and its evaluator.</summary>
internal static class ClusteringPipeline
{
    /// <summary>What a run produced.</summary>
    /// <param name="Vectors">What was clustered (embeddings or hybrid vectors), the space the centroids live in.</param>
    /// <param name="Embeddings">The backbone's embeddings, the space keyword phrases are compared in.</param>
    /// <param name="Partition">The clusters, numbered largest first, outliers −1.</param>
    /// <param name="Choice">How k was chosen, when it was.</param>
    public sealed record Outcome(IReadOnlyList<float[]> Vectors, IReadOnlyList<float[]> Embeddings, Partition Partition, LevelSelection.Choice? Choice);

    public static async Task<Outcome> RunAsync(IReadOnlyList<string> texts, ClusterOptions options, TaskContext context, CancellationToken cancellationToken)
    {
        var embeddings = await EmbedAsync(texts, context, cancellationToken).ConfigureAwait(false);
        context.Progress.Report(new TaskProgress(0.8, "clustering"));
        return Cluster(texts, embeddings, options, cancellationToken);
    }

    public static Outcome Cluster(IReadOnlyList<string> texts, IReadOnlyList<float[]> embeddings, ClusterOptions options, CancellationToken cancellationToken)
    {
        var random = new Random(options.Seed);
        var vectors = DocumentVectors.Build(texts, embeddings, options, random);
        // Identical texts embed identically; more clusters than distinct texts cannot be formed.
        var distinct = texts.Distinct(StringComparer.Ordinal).Count();
        var (partition, choice) = options.Algorithm switch
        {
            ClusterAlgorithm.Density => (DensityClustering.Fit(vectors, options, random, cancellationToken), null),
            ClusterAlgorithm.Agglomerative => Agglomerative(vectors, options, distinct, random, cancellationToken),
            _ when options.K is { } given => (SphericalKMeans.Fit(vectors, Math.Min(given, distinct), random, cancellationToken: cancellationToken).ToPartition(), null),
            _ => KMeansAutomatic(vectors, options, distinct, random, cancellationToken),
        };
        partition = partition.DissolveSmall(options.Algorithm == ClusterAlgorithm.Density ? 1 : options.MinClusterSize ?? 1);
        if (options.AssignOutliers)
        {
            partition = partition.AssignOutliers(vectors);
        }

        return new Outcome(vectors, embeddings, partition, choice);
    }

    public static async Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, TaskContext context, CancellationToken cancellationToken)
    {
        var size = context.GetSettings<ClusterSettings>().EmbeddingChunk;
        var embeddings = new List<float[]>(texts.Count);
        for (var start = 0; start < texts.Count; start += size)
        {
            var chunk = texts.Skip(start).Take(size).ToList();
            embeddings.AddRange(await context.Backbone.EmbedAsync(chunk, cancellationToken).ConfigureAwait(false));
            context.Progress.Report(new TaskProgress(0.8 * embeddings.Count / texts.Count, $"embedded {embeddings.Count}/{texts.Count}"));
        }

        return [.. embeddings];
    }

    private static (Partition, LevelSelection.Choice?) KMeansAutomatic(IReadOnlyList<float[]> vectors, ClusterOptions options, int distinct, Random random, CancellationToken cancellationToken)
    {
        var result = AutomaticK.Fit(vectors, distinct, Math.Min(options.MaxK, distinct), options.Granularity, random, cancellationToken);
        return (result.Partition, result.Choice);
    }

    private static (Partition, LevelSelection.Choice?) Agglomerative(IReadOnlyList<float[]> vectors, ClusterOptions options, int distinct, Random random, CancellationToken cancellationToken)
    {
        var tree = AverageLinkage.Build(vectors, random, cancellationToken);
        if (options.K is { } k)
        {
            return (AverageLinkage.Assign(vectors, tree, tree.Cut(tree.MergesFor(Math.Min(k, distinct)))), null);
        }

        if (options.DistanceThreshold is { } threshold)
        {
            return (AverageLinkage.Assign(vectors, tree, tree.Cut(tree.MergesWithin(threshold))), null);
        }

        var sample = tree.Sample.Select(i => vectors[i]).ToList();
        var maxK = Math.Min(options.MaxK, Math.Min(distinct, sample.Count - 1));
        if (maxK < 2)
        {
            return (AverageLinkage.Assign(vectors, tree, tree.Cut(tree.Merges.Count)), null);
        }

        var choice = LevelSelection.Choose(sample, k => tree.Cut(tree.MergesFor(k)), maxK, options.Granularity, random, cancellationToken);
        return (AverageLinkage.Assign(vectors, tree, tree.Cut(tree.MergesFor(choice.K))), choice);
    }
}
