using System.Diagnostics;
using System.Text.Json;
using NlpHost.Abstractions.Evaluation;
using NlpHost.Abstractions.Plugins;
using NlpHost.Tasks.Cluster.Algorithms;

namespace NlpHost.Tasks.Cluster.Evaluation;

/// <summary>
/// <c>nlphost eval cluster --data &lt;jsonl&gt;</c>: V-measure, NMI and ARI, on one set of embeddings, of NlpHost with
/// the job's options (<c>nlphost</c>), with k given as the number of gold labels, with k automatic and in density
/// mode, beside TF-IDF + k-means and plain k-means on the embeddings (both with k given); the time each took.
/// </summary>
internal sealed class ClusterEvaluator : ITaskEvaluator
{
    public string TaskName => "cluster";

    public async Task<EvaluationReport> EvaluateAsync(EvaluationRequest request, TaskContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var items = await LabelledDocuments.ReadAsync(request.DataPath, request.Limit, cancellationToken).ConfigureAwait(false);
        if (items.Count == 0)
        {
            throw new TaskInputException("data", $"'{request.DataPath}' holds no documents");
        }

        var options = ReadOptions(request.Options);
        var texts = items.Select(i => i.Text).ToList();
        var gold = items.Select(i => i.Label).ToList();
        var goldK = gold.Distinct(StringComparer.Ordinal).Count();

        var clock = Stopwatch.StartNew();
        var embeddings = await EmbeddingCache.GetOrEmbedAsync(texts, context, cancellationToken).ConfigureAwait(false);
        var embedSeconds = clock.Elapsed.TotalSeconds;
        context.Progress.Report(new TaskProgress(0.8, "clustering"));

        var metrics = new Dictionary<string, IReadOnlyDictionary<string, double>>();
        ClusteringPipeline.Outcome Run(string name, ClusterOptions runOptions)
        {
            clock.Restart();
            var outcome = ClusteringPipeline.Cluster(texts, embeddings, runOptions, cancellationToken);
            metrics[name] = Row(gold, outcome.Partition.Labels, outcome.Partition.K, clock.Elapsed.TotalSeconds);
            return outcome;
        }

        var main = Run("nlphost", options);
        Run("nlphost-k-given", options with { Algorithm = ClusterAlgorithm.KMeans, K = goldK });
        Run("nlphost-k-auto", options with { Algorithm = ClusterAlgorithm.KMeans, K = null });
        Run("nlphost-density", options with { Algorithm = ClusterAlgorithm.Density, K = null, AssignOutliers = false });
        Run("nlphost-density-assigned", options with { Algorithm = ClusterAlgorithm.Density, K = null, AssignOutliers = true });
        Run("embedding-kmeans", options with { Algorithm = ClusterAlgorithm.KMeans, K = goldK, Representation = ClusterRepresentation.Embedding });
        clock.Restart();
        var baseline = TfIdfKMeansBaseline.Cluster(texts, goldK, options.Seed, cancellationToken);
        metrics["tfidf-kmeans"] = Row(gold, baseline, goldK, clock.Elapsed.TotalSeconds);
        metrics["embedding"] = new Dictionary<string, double> { ["documents"] = texts.Count, ["goldLabels"] = goldK, ["seconds"] = embedSeconds };
        if (main.Choice is { } choice)
        {
            // The criterion beside what it stands for: V-measure of every level against the gold labels.
            var curve = choice.Curve.ToDictionary(s => $"silhouette@{s.K}", s => s.Score);
            foreach (var point in choice.Curve.Where(_ => choice.LabelsAt is not null))
            {
                curve[$"vMeasure@{point.K}"] = ClusteringMetrics.Compute(gold, choice.LabelsAt!(point.K)).VMeasure;
                if (point.Silhouette is { } silhouette)
                {
                    curve[$"refinedSilhouette@{point.K}"] = silhouette;
                }
                if (choice.MergeDistances is { } distances && point.K < distances.Length)
                {
                    curve[$"mergeDistance@{point.K}"] = distances[point.K];
                }
            }

            metrics["k-curve"] = curve;
        }

        var labels = await LabelsAsync(texts, main, context, cancellationToken).ConfigureAwait(false);
        var predictions = items.Select((item, i) => (object)new
        {
            id = item.Id,
            cluster = main.Partition.Labels[i],
            label = main.Partition.Labels[i] >= 0 ? labels[main.Partition.Labels[i]] : null,
        }).ToList();
        return new EvaluationReport(metrics, predictions);
    }

    private static async Task<string[]> LabelsAsync(List<string> texts, ClusteringPipeline.Outcome outcome, TaskContext context, CancellationToken cancellationToken)
    {
        var partition = outcome.Partition;
        var members = Enumerable.Range(0, partition.K)
            .Select(c => Enumerable.Range(0, texts.Count).Where(i => partition.Labels[i] == c)
                .OrderByDescending(i => System.Numerics.Tensors.TensorPrimitives.Dot(outcome.Vectors[i], partition.Centroids[c])).ToList())
            .ToList();
        var keywords = await ClusterReport.KeywordsAsync(texts, outcome, members, 3, context.Backbone, cancellationToken).ConfigureAwait(false);
        return [.. keywords.Select(k => string.Join(" | ", k))];
    }

    private static ClusterOptions ReadOptions(JsonElement? json)
    {
        try
        {
            var options = json is { ValueKind: JsonValueKind.Object } o ? o.Deserialize<ClusterOptions>(TaskJson.Options) ?? new ClusterOptions() : new ClusterOptions();
            ClusterInputValidator.ValidateOptions(options);
            return options;
        }
        catch (JsonException e)
        {
            throw new TaskInputException("options", e.Message, e);
        }
    }

    private static Dictionary<string, double> Row(IReadOnlyList<string> gold, int[] labels, int k, double seconds)
    {
        // Outliers count as one more cluster of their own: reporting noise costs homogeneity, as it should.
        var scores = ClusteringMetrics.Compute(gold, labels);
        return new()
        {
            ["vMeasure"] = scores.VMeasure,
            ["homogeneity"] = scores.Homogeneity,
            ["completeness"] = scores.Completeness,
            ["nmi"] = scores.Nmi,
            ["ari"] = scores.Ari,
            ["k"] = k,
            ["outlierShare"] = labels.Count(l => l == Partition.Outlier) / (double)labels.Length,
            ["seconds"] = seconds,
        };
    }
}
