namespace NlpHost.Tasks.Cluster;

/// <summary>One document to cluster.</summary>
public sealed record ClusterDocument(string Id, string Text);

/// <summary>The documents to group: inline, or (for large inputs) a JSONL file of <c>{"id","text"}</c> lines.</summary>
/// <param name="Documents">The documents, inline.</param>
/// <param name="Path">
/// A JSONL file the worker can read, instead of <paramref name="Documents"/>: clustered in a streaming pass with
/// bounded memory (embeddings spilled to disk, mini-batch k-means; <c>kmeans</c> on embeddings only).
/// </param>
public sealed record ClusterInput(IReadOnlyList<ClusterDocument>? Documents, string? Path = null);

/// <summary>A group of documents.</summary>
/// <param name="Id">0-based cluster number.</param>
/// <param name="Size">Number of members.</param>
/// <param name="Members">Ids of the member documents.</param>
/// <param name="Representatives">Ids of the members closest to the centroid, closest first.</param>
/// <param name="Keywords">Words and two-word phrases of the cluster's own documents, best first (c-TF-IDF, re-ranked by embedding similarity with MMR).</param>
/// <param name="Label">The best phrase, for display (one line).</param>
public sealed record Cluster(int Id, int Size, IReadOnlyList<string> Members, IReadOnlyList<string> Representatives, IReadOnlyList<string> Keywords, string Label);

/// <summary>The score of one candidate number of clusters.</summary>
/// <param name="K">Number of clusters.</param>
/// <param name="Score">The criterion that chose k; higher is better.</param>
/// <param name="Silhouette">Mean silhouette (cosine) on a sample, when scored.</param>
public sealed record KScore(int K, double Score, double? Silhouette = null);

/// <summary>Why k was chosen, when it was chosen automatically and <c>reportCurve</c> asked for it.</summary>
/// <param name="Criterion">What was scored.</param>
/// <param name="Rule">How k was picked from the curve.</param>
/// <param name="Curve">The criterion for every k tried, smallest k first.</param>
public sealed record KSelectionReport(string Criterion, string Rule, IReadOnlyList<KScore> Curve);

/// <summary>The clusters and the documents left out of all of them.</summary>
/// <param name="Clusters">The clusters, largest first.</param>
/// <param name="Outliers">Ids of documents in no cluster (density mode's noise, or members of clusters below <c>minClusterSize</c>).</param>
/// <param name="K">Number of clusters formed before small ones were dissolved.</param>
/// <param name="Silhouette">Mean silhouette (cosine) on a sample when k was chosen automatically; <see langword="null"/> otherwise.</param>
/// <param name="Selection">The criterion's curve, when <c>reportCurve</c> is set and k was chosen automatically.</param>
public sealed record ClusterOutput(IReadOnlyList<Cluster> Clusters, IReadOnlyList<string> Outliers, int K, double? Silhouette, KSelectionReport? Selection = null);
