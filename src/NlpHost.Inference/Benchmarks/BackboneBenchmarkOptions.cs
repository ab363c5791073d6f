namespace NlpHost.Inference.Benchmarks;

/// <summary>What <see cref="BackboneBenchmark"/> measures with.</summary>
public sealed class BackboneBenchmarkOptions
{
    /// <summary>Tab-separated file whose first column holds the sentences (e.g. a translation pair file).</summary>
    public required string SentencesPath { get; init; }

    /// <summary>How many sentences to encode per measurement, taken evenly across the file.</summary>
    public int SentenceCount { get; init; } = 1024;

    /// <summary>Backbone settings (model, threads); the execution provider and batch settings apply to every measurement.</summary>
    public BackboneOptions Backbone { get; init; } = new();

    /// <summary>The <c>bench/MiniLmPeer</c> project file; <see langword="null"/> skips the peer measurement.</summary>
    public string? PeerProjectPath { get; init; }
}
