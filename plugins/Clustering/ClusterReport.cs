using System.Numerics.Tensors;
using NlpHost.Tasks.Clustering.Algorithms;
using NlpHost.Tasks.Clustering.Keywords;

namespace NlpHost.Tasks.Clustering;

/// <summary>Turns a fit into the task's output: members, representatives, keywords, outliers.</summary>
internal static class ClusterReport
{
    public static ClusterOutput Build(IReadOnlyList<ClusterDocument> documents, IReadOnlyList<float[]> vectors, SphericalKMeans.Result fit, ClusterOptions options, double? silhouette)
    {
        var k = fit.Centroids.Length;
        var labels = (int[])fit.Labels.Clone();
        var sizes = new int[k];
        foreach (var label in labels)
        {
            sizes[label]++;
        }

        // Dissolve clusters below the minimum size; renumber the survivors 0..m-1 by size, largest first.
        var kept = Enumerable.Range(0, k).Where(c => sizes[c] >= options.MinClusterSize).OrderByDescending(c => sizes[c]).ThenBy(c => c).ToList();
        var renumber = Enumerable.Repeat(-1, k).ToArray();
        for (var i = 0; i < kept.Count; i++)
        {
            renumber[kept[i]] = i;
        }

        for (var i = 0; i < labels.Length; i++)
        {
            labels[i] = renumber[labels[i]];
        }

        var keywords = ClassTfIdf.TopWords([.. documents.Select(d => d.Text)], labels, kept.Count, options.Keywords);
        var clusters = kept.Select((original, id) =>
        {
            var members = Enumerable.Range(0, labels.Length).Where(i => labels[i] == id).ToList();
            var representatives = members
                .OrderByDescending(i => TensorPrimitives.Dot(vectors[i], fit.Centroids[original]))
                .Take(options.Representatives)
                .Select(i => documents[i].Id)
                .ToList();
            return new Cluster(id, members.Count, [.. members.Select(i => documents[i].Id)], representatives, keywords[id], string.Join(", ", keywords[id].Take(3)));
        }).ToList();
        var outliers = Enumerable.Range(0, labels.Length).Where(i => labels[i] < 0).Select(i => documents[i].Id).ToList();
        return new ClusterOutput(clusters, outliers, k, silhouette);
    }
}
