using System.Diagnostics;
using System.Text.Json;
using NlpHost.Abstractions.Evaluation;
using NlpHost.Abstractions.Plugins;

namespace NlpHost.Tasks.Clustering.Evaluation;

/// <summary>
/// <c>nlphost eval cluster --data &lt;jsonl&gt;</c>: V-measure, NMI and ARI of NlpHost's clusters and of a
/// TF-IDF + k-means baseline with the same k, and the time each took.
/// </summary>
internal sealed class ClusteringEvaluator : ITaskEvaluator
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

        var clock = Stopwatch.StartNew();
        var outcome = await ClusteringPipeline.RunAsync(texts, options, context, cancellationToken).ConfigureAwait(false);
        var nlphostSeconds = clock.Elapsed.TotalSeconds;
        var k = outcome.Fit.Centroids.Length;

        clock.Restart();
        var baseline = TfIdfKMeansBaseline.Cluster(texts, k, options.Seed, cancellationToken);
        var baselineSeconds = clock.Elapsed.TotalSeconds;

        var metrics = new Dictionary<string, IReadOnlyDictionary<string, double>>
        {
            ["nlphost"] = Row(ClusteringMetrics.Compute(gold, outcome.Fit.Labels), k, nlphostSeconds),
            ["tfidf-kmeans"] = Row(ClusteringMetrics.Compute(gold, baseline), k, baselineSeconds),
        };
        var predictions = items.Select((item, i) => (object)new { id = item.Id, cluster = outcome.Fit.Labels[i] }).ToList();
        return new EvaluationReport(metrics, predictions);
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

    private static Dictionary<string, double> Row(ClusteringMetrics.Scores scores, int k, double seconds) => new()
    {
        ["vMeasure"] = scores.VMeasure,
        ["homogeneity"] = scores.Homogeneity,
        ["completeness"] = scores.Completeness,
        ["nmi"] = scores.Nmi,
        ["ari"] = scores.Ari,
        ["k"] = k,
        ["seconds"] = seconds,
    };
}
