using System.Numerics.Tensors;
using NlpHost.Abstractions.Backbone;
using NlpHost.Tasks.Cluster.Algorithms;
using NlpHost.Tasks.Cluster.Keywords;

namespace NlpHost.Tasks.Cluster;

/// <summary>Turns a run into the task's output: members, representatives, keyphrases, labels, outliers, the k curve.</summary>
internal static class ClusterReport
{
    /// <summary>c-TF-IDF candidates per cluster handed to the embedding re-ranker.</summary>
    private const int CandidatesPerCluster = 40;

    public static async Task<ClusterOutput> BuildAsync(IReadOnlyList<ClusterDocument> documents, ClusteringPipeline.Outcome outcome, ClusterOptions options, IBackbone backbone, CancellationToken cancellationToken)
    {
        var partition = outcome.Partition;
        var members = Enumerable.Range(0, partition.K)
            .Select(c => Enumerable.Range(0, documents.Count).Where(i => partition.Labels[i] == c)
                .OrderByDescending(i => TensorPrimitives.Dot(outcome.Vectors[i], partition.Centroids[c])).ToList())
            .ToList();
        var keywords = await KeywordsAsync([.. documents.Select(d => d.Text)], outcome, members, Math.Max(1, options.Keywords), backbone, cancellationToken).ConfigureAwait(false);
        var clusters = members.Select((m, c) => new Cluster(
            c,
            m.Count,
            [.. m.OrderBy(i => i).Select(i => documents[i].Id)],
            [.. m.Take(options.Representatives).Select(i => documents[i].Id)],
            [.. keywords[c].Take(options.Keywords)],
            keywords[c].Count > 0 ? keywords[c][0] : "")).ToList();
        var outliers = Enumerable.Range(0, documents.Count).Where(i => partition.Labels[i] < 0).Select(i => documents[i].Id).ToList();
        var selection = options.ReportCurve && outcome.Choice is { } choice
            ? new KSelectionReport("mean silhouette (cosine), on a sample of at most 1,000 documents, of each merged level refined by k-means", choice.Rule, choice.Curve)
            : null;
        return new ClusterOutput(clusters, outliers, partition.K, outcome.Choice?.Score, selection);
    }

    /// <summary>Keyphrases per cluster, best first; <paramref name="members"/> lists each cluster's documents, central first.</summary>
    public static async Task<IReadOnlyList<string>[]> KeywordsAsync(IReadOnlyList<string> texts, ClusteringPipeline.Outcome outcome, List<List<int>> members, int keywords, IBackbone backbone, CancellationToken cancellationToken)
    {
        var candidates = ClassTfIdf.Candidates(texts, outcome.Partition.Labels, members.SelectMany(m => m), members.Count, CandidatesPerCluster);
        var centroids = Partition.FromLabels(outcome.Embeddings, outcome.Partition.Labels).Centroids;
        return await KeyphraseSelector.SelectAsync(candidates, centroids, keywords, backbone.EmbedAsync, cancellationToken).ConfigureAwait(false);
    }
}
