namespace NlpHost.Tasks.Clustering;

/// <summary>One document to cluster.</summary>
public sealed record ClusterDocument(string Id, string Text);

/// <summary>The documents to group.</summary>
public sealed record ClusterInput(IReadOnlyList<ClusterDocument> Documents);

/// <summary>Per-job options of <c>cluster</c>.</summary>
public sealed record ClusterOptions
{
    /// <summary><c>kmeans</c> (default) or <c>agglomerative</c> (average linkage, stops at <see cref="DistanceThreshold"/>).</summary>
    public ClusterAlgorithm Algorithm { get; init; } = ClusterAlgorithm.KMeans;

    /// <summary>Number of clusters; <see langword="null"/> chooses it (k-means: by silhouette; agglomerative: by <see cref="DistanceThreshold"/>).</summary>
    public int? K { get; init; }

    /// <summary>Agglomerative only: clusters further apart than this cosine distance (0..2) are not merged.</summary>
    public double DistanceThreshold { get; init; } = 0.6;

    /// <summary>Largest k tried when <see cref="K"/> is not given.</summary>
    public int MaxK { get; init; } = 30;

    /// <summary>Clusters with fewer members are dissolved and their documents reported as outliers.</summary>
    public int MinClusterSize { get; init; } = 1;

    /// <summary>Keywords per cluster label.</summary>
    public int Keywords { get; init; } = 5;

    /// <summary>Representative documents per cluster (closest to the centroid).</summary>
    public int Representatives { get; init; } = 3;

    /// <summary>What documents are clustered on: <c>hybrid</c> (embedding + LSA, from 100 documents up) or <c>embedding</c>.</summary>
    public ClusterRepresentation Representation { get; init; } = ClusterRepresentation.Hybrid;

    /// <summary>Share of the embedding in the hybrid similarity (the rest is LSA).</summary>
    public double EmbeddingWeight { get; init; } = 0.5;

    /// <summary>Dimensions of the latent semantic (LSA) part of the hybrid representation.</summary>
    public int LsaDimensions { get; init; } = 100;

    /// <summary>Seed for the random choices, so a run can be repeated.</summary>
    public int Seed { get; init; } = 42;
}

/// <summary>How clusters are formed.</summary>
public enum ClusterAlgorithm
{
    /// <summary>Spherical k-means with k-means++ seeds; k given or chosen by silhouette.</summary>
    KMeans,

    /// <summary>Average-linkage agglomerative clustering up to a distance threshold (exact up to 2,000 documents, sampled beyond).</summary>
    Agglomerative,
}

/// <summary>What documents are clustered on.</summary>
public enum ClusterRepresentation
{
    /// <summary>Backbone embedding joined with TF-IDF LSA vectors (needs 100+ documents; fewer use embeddings).</summary>
    Hybrid,

    /// <summary>Backbone sentence embeddings only.</summary>
    Embedding,
}

/// <summary>A group of documents.</summary>
/// <param name="Id">0-based cluster number.</param>
/// <param name="Size">Number of members.</param>
/// <param name="Members">Ids of the member documents.</param>
/// <param name="Representatives">Ids of the members closest to the centroid, closest first.</param>
/// <param name="Keywords">Words that set the cluster apart (class-based TF-IDF).</param>
/// <param name="Label">The first keywords joined, for display.</param>
public sealed record Cluster(int Id, int Size, IReadOnlyList<string> Members, IReadOnlyList<string> Representatives, IReadOnlyList<string> Keywords, string Label);

/// <summary>The clusters and the documents left out of all of them.</summary>
/// <param name="Clusters">The clusters, largest first.</param>
/// <param name="Outliers">Ids of documents in no cluster (their cluster was smaller than the minimum size).</param>
/// <param name="K">Number of clusters formed before small ones were dissolved.</param>
/// <param name="Silhouette">Mean silhouette (cosine) on a sample; <see langword="null"/> when undefined (k = 1).</param>
public sealed record ClusterOutput(IReadOnlyList<Cluster> Clusters, IReadOnlyList<string> Outliers, int K, double? Silhouette);
