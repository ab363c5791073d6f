using System.Text.Json;

namespace NlpHost.Abstractions.Evaluation;

/// <summary>What to evaluate on.</summary>
/// <param name="DataPath">The data set file, in its own format.</param>
/// <param name="Limit">Use only the first items when set.</param>
/// <param name="Options">Per-run task options, as for a job.</param>
public sealed record EvaluationRequest(string DataPath, int? Limit, JsonElement? Options);
