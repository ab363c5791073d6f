using System.Numerics.Tensors;
using NlpHost.Tasks.Cluster.Algorithms;
using NlpHost.Tasks.Cluster.Keywords;

namespace NlpHost.Tasks.Cluster.Streaming;

/// <summary>
/// Clusters a JSONL file of any length in bounded memory: documents are embedded in chunks and spilled to disk
/// (<see cref="EmbeddingSpill"/>) while a reservoir sample is kept; k and the first centroids come from the sample
/// (as for an in-memory job, on embeddings); mini-batch k-means then passes over the spill, a last pass assigns
/// every document, and keyphrases come from the sample's texts. What stays in memory is the sample, one chunk, one
/// batch, k centroids and, per document, its id and cluster number (the output lists every member anyway).
/// </summary>
internal sealed class StreamingClusterer(Func<IReadOnlyList<string>, CancellationToken, Task<float[][]>> embed, StreamingLimits limits)
{
    private const int CandidatesPerCluster = 40;

    // The in-memory path's threshold for centring (Representation.DocumentVectors.MinDocumentsToCentre).
    private const int DocumentVectorsMinimum = Representation.DocumentVectors.MinDocumentsToCentre;

    private static float[] Centred(float[] vector, float[] centre)
    {
        var result = new float[vector.Length];
        TensorPrimitives.Subtract(vector, centre, result);
        return SphericalKMeans.Normalize(result);
    }

    /// <summary>Most embedding vectors held at once (chunk + sample + batch), the quantity the memory bound rests on.</summary>
    public int PeakVectorsHeld { get; private set; }

    public async Task<(ClusterOutput Output, float[][] Centroids)> RunAsync(IAsyncEnumerable<ClusterDocument> documents, ClusterOptions options, Func<IReadOnlyList<string>, CancellationToken, Task<float[][]>> embedPhrases, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var random = new Random(options.Seed);
        var ids = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var sample = new List<(int Index, float[] Vector, string Text)>(limits.SampleSize);
        EmbeddingSpill? spill = null;
        try
        {
            var chunk = new List<ClusterDocument>(limits.ChunkSize);
            async Task FlushAsync()
            {
                var vectors = await embed([.. chunk.Select(d => d.Text)], cancellationToken).ConfigureAwait(false);
                spill ??= new EmbeddingSpill(vectors[0].Length);
                for (var i = 0; i < chunk.Count; i++)
                {
                    // Reservoir sampling (Algorithm R): every document ends up in the sample with the same chance.
                    var index = spill.Count + i;
                    var slot = index < limits.SampleSize ? index : random.Next(index + 1);
                    if (slot < sample.Count)
                    {
                        sample[slot] = (index, vectors[i], chunk[i].Text);
                    }
                    else if (sample.Count < limits.SampleSize)
                    {
                        sample.Add((index, vectors[i], chunk[i].Text));
                    }
                }

                spill.Append(vectors);
                PeakVectorsHeld = Math.Max(PeakVectorsHeld, sample.Count + vectors.Length);
                progress?.Report($"embedded {spill.Count}");
                chunk.Clear();
            }

            await foreach (var document in documents.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                if (!seen.Add(document.Id))
                {
                    throw new NlpHost.Abstractions.Plugins.TaskInputException($"input.path line {ids.Count + 1}", $"id '{document.Id}' appears more than once");
                }

                ids.Add(document.Id);
                chunk.Add(document);
                if (chunk.Count == limits.ChunkSize)
                {
                    await FlushAsync().ConfigureAwait(false);
                }
            }

            if (chunk.Count > 0)
            {
                await FlushAsync().ConfigureAwait(false);
            }

            seen = null;
            if (spill is null)
            {
                throw new NlpHost.Abstractions.Plugins.TaskInputException("input.path", "the file holds no documents");
            }

            // As in memory, documents are clustered on embeddings centred on the mean (here the sample's).
            var mean = new float[sample[0].Vector.Length];
            foreach (var s in sample)
            {
                TensorPrimitives.Add(mean, s.Vector, mean);
            }

            TensorPrimitives.Divide(mean, sample.Count, mean);
            var centre = sample.Count >= DocumentVectorsMinimum ? mean : new float[mean.Length];
            var (centroids, choice) = Seed([.. sample.Select(s => Centred(s.Vector, centre))], [.. sample.Select(s => s.Text)], options, random, cancellationToken);
            var kmeans = new MiniBatchKMeans(centroids);
            for (var epoch = 0; epoch < limits.Epochs; epoch++)
            {
                foreach (var batch in spill.Batches(limits.BatchSize, centre))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    kmeans.Update(batch);
                    PeakVectorsHeld = Math.Max(PeakVectorsHeld, sample.Count + batch.Count);
                }
            }

            var (labels, representatives) = Assign(spill, centre, kmeans.Centroids, options.Representatives);
            var output = await ReportAsync(ids, labels, representatives, sample, kmeans.Centroids, choice, options, embedPhrases, cancellationToken).ConfigureAwait(false);
            return (output, kmeans.Centroids);
        }
        finally
        {
            spill?.Dispose();
        }
    }

    private static (float[][] Centroids, LevelSelection.Choice? Choice) Seed(List<float[]> sample, List<string> texts, ClusterOptions options, Random random, CancellationToken cancellationToken)
    {
        var distinct = texts.Distinct(StringComparer.Ordinal).Count();
        if (options.K is { } k)
        {
            return (SphericalKMeans.Fit(sample, Math.Min(k, distinct), random, cancellationToken: cancellationToken).Centroids, null);
        }

        var result = AutomaticK.Fit(sample, distinct, Math.Min(options.MaxK, distinct), options.Granularity, random, cancellationToken);
        return (result.Partition.Centroids, result.Choice);
    }

    private (int[] Labels, List<(float Similarity, int Index)>[] Representatives) Assign(EmbeddingSpill spill, float[] centre, float[][] centroids, int representatives)
    {
        var labels = new int[spill.Count];
        var best = Enumerable.Range(0, centroids.Length).Select(_ => new List<(float Similarity, int Index)>()).ToArray();
        var index = 0;
        foreach (var batch in spill.Batches(limits.BatchSize, centre))
        {
            foreach (var vector in batch)
            {
                var (c, similarity) = SphericalKMeans.Nearest(vector, centroids);
                labels[index] = c;
                if (representatives > 0 && (best[c].Count < representatives || similarity > best[c][^1].Similarity))
                {
                    best[c].Add((similarity, index));
                    best[c].Sort((a, b) => b.Similarity.CompareTo(a.Similarity));
                    if (best[c].Count > representatives)
                    {
                        best[c].RemoveAt(best[c].Count - 1);
                    }
                }

                index++;
            }
        }

        return (labels, best);
    }

    private static async Task<ClusterOutput> ReportAsync(List<string> ids, int[] labels, List<(float Similarity, int Index)>[] representatives, List<(int Index, float[] Vector, string Text)> sample, float[][] centroids, LevelSelection.Choice? choice, ClusterOptions options, Func<IReadOnlyList<string>, CancellationToken, Task<float[][]>> embedPhrases, CancellationToken cancellationToken)
    {
        var k = centroids.Length;
        var sizes = new int[k];
        foreach (var label in labels)
        {
            sizes[label]++;
        }

        var minSize = options.MinClusterSize ?? 1;
        var kept = Enumerable.Range(0, k).Where(c => sizes[c] >= minSize && sizes[c] > 0).OrderByDescending(c => sizes[c]).ThenBy(c => c).ToList();
        var renumber = Enumerable.Repeat(Partition.Outlier, k).ToArray();
        for (var i = 0; i < kept.Count; i++)
        {
            renumber[kept[i]] = i;
        }

        var sampleTexts = sample.Select(s => s.Text).ToList();
        var sampleLabels = sample.Select(s => renumber[labels[s.Index]]).ToArray();
        var order = Enumerable.Range(0, sample.Count).OrderByDescending(i => sampleLabels[i] < 0 ? 0 : TensorPrimitives.Dot(sample[i].Vector, centroids[kept[sampleLabels[i]]]));
        var candidates = ClassTfIdf.Candidates(sampleTexts, sampleLabels, order, kept.Count, CandidatesPerCluster);
        // Phrases are compared with the clusters in the backbone's own space: centroids of the sample's raw embeddings.
        var embeddingCentroids = Partition.FromLabels([.. sample.Select(s => s.Vector)], sampleLabels).Centroids;
        var phraseCentroids = Enumerable.Range(0, kept.Count).Select(c => c < embeddingCentroids.Length ? embeddingCentroids[c] : centroids[kept[c]]).ToArray();
        var keywords = await KeyphraseSelector.SelectAsync(candidates, phraseCentroids, Math.Max(1, options.Keywords), embedPhrases, cancellationToken).ConfigureAwait(false);
        var members = kept.Select(_ => new List<string>()).ToArray();
        var outliers = new List<string>();
        for (var i = 0; i < labels.Length; i++)
        {
            (renumber[labels[i]] >= 0 ? members[renumber[labels[i]]] : outliers).Add(ids[i]);
        }

        var clusters = kept.Select((c, id) => new Cluster(id, sizes[c], members[id], [.. representatives[c].Select(r => ids[r.Index])], [.. keywords[id].Take(options.Keywords)], keywords[id].Count > 0 ? keywords[id][0] : "")).ToList();
        var selection = options.ReportCurve && choice is not null ? new KSelectionReport("mean silhouette (cosine), on at most 1,000 documents of the reservoir sample, of each merged level refined by k-means", choice.Rule, choice.Curve) : null;
        return new ClusterOutput(clusters, outliers, kept.Count, choice?.Score, selection);
    }
}

/// <summary>Sizes that bound a streaming run's memory.</summary>
/// <param name="ChunkSize">Documents embedded at a time.</param>
/// <param name="SampleSize">Reservoir sample: k selection, first centroids, keyphrases.</param>
/// <param name="BatchSize">Vectors per mini-batch k-means step.</param>
/// <param name="Epochs">Passes of mini-batch k-means over the spilled embeddings.</param>
internal sealed record StreamingLimits(int ChunkSize = 1024, int SampleSize = 4000, int BatchSize = 2048, int Epochs = 2);
