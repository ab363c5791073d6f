using System.ComponentModel.DataAnnotations;

namespace NlpHost.Tasks.Cluster;

/// <summary><c>Plugins:cluster</c>, bound and validated by the host; each default is stated here once.</summary>
internal sealed class ClusterSettings
{
    /// <summary><c>nlphost eval cluster</c> only: a folder keeping the backbone's embeddings of each evaluation set; empty = embed every time.</summary>
    public string? EmbeddingCache { get; set; }

    /// <summary>Documents handed to the backbone at once (and between two progress reports); the backbone batches within it.</summary>
    [Range(1, 100_000)]
    public int EmbeddingChunk { get; set; } = 256;
}
