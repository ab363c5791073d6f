namespace NlpHost.Abstractions.Evaluation;

/// <summary>The result of an evaluation.</summary>
/// <param name="Metrics">Metric values by system (<c>nlphost</c> first, then baselines), then by metric name.</param>
/// <param name="Predictions">One record per data item, in the documented per-task shape, so others can rescore them.</param>
public sealed record EvaluationReport(
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> Metrics,
    IReadOnlyList<object> Predictions);
