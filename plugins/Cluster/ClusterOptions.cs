namespace NlpHost.Tasks.Cluster;

/// <summary>Per-job options of <c>cluster</c>.</summary>
public sealed record ClusterOptions
{
    /// <summary><c>kmeans</c> (default), <c>agglomerative</c> (average linkage) or <c>density</c> (HDBSCAN, reports outliers).</summary>
    public ClusterAlgorithm Algorithm { get; init; } = ClusterAlgorithm.KMeans;

    /// <summary>Number of clusters (k-means, agglomerative); <see langword="null"/> chooses it automatically.</summary>
    public int? K { get; init; }

    /// <summary>How finely automatic k splits topics: <c>coarse</c> prefers fewer, broader clusters, <c>fine</c> the best-scoring k.</summary>
    public ClusterGranularity Granularity { get; init; } = ClusterGranularity.Medium;

    /// <summary>Agglomerative only: clusters further apart than this cosine distance (0..2) are not merged; <see langword="null"/> chooses k automatically.</summary>
    public double? DistanceThreshold { get; init; }

    /// <summary>Largest k tried when <see cref="K"/> is not given.</summary>
    public int MaxK { get; init; } = 30;

    /// <summary>
    /// k-means and agglomerative: clusters with fewer members are dissolved into outliers (<see langword="null"/> = 1).
    /// Density: the smallest group that counts as a cluster (<see langword="null"/> = max(3, √n / 2)).
    /// </summary>
    public int? MinClusterSize { get; init; }

    /// <summary>Density only: neighbours that make a point a core point (<see langword="null"/> = min(minClusterSize, 5)); larger means more outliers.</summary>
    public int? MinSamples { get; init; }

    /// <summary>Give every outlier to its nearest cluster instead of reporting it.</summary>
    public bool AssignOutliers { get; init; }

    /// <summary>Report the automatic-k criterion for every k tried (<see cref="ClusterOutput.Selection"/>).</summary>
    public bool ReportCurve { get; init; }

    /// <summary>Keywords per cluster.</summary>
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
    /// <summary>Spherical k-means; k given, or chosen by over-clustering, merging and scoring each level.</summary>
    KMeans,

    /// <summary>Average-linkage agglomerative clustering (exact up to 2,000 documents, sampled beyond).</summary>
    Agglomerative,

    /// <summary>HDBSCAN on a reduced representation: clusters of any number and shape, noise reported as outliers.</summary>
    Density,
}

/// <summary>How finely automatic k splits topics.</summary>
public enum ClusterGranularity
{
    /// <summary>The fewest clusters that score nearly as well as the best.</summary>
    Coarse,

    /// <summary>Between the two.</summary>
    Medium,

    /// <summary>The best-scoring number of clusters.</summary>
    Fine,
}

/// <summary>What documents are clustered on.</summary>
public enum ClusterRepresentation
{
    /// <summary>Backbone embedding joined with TF-IDF LSA vectors (needs 100+ documents; fewer use embeddings).</summary>
    Hybrid,

    /// <summary>Backbone sentence embeddings only.</summary>
    Embedding,
}
