using System.Text.Json;

namespace NlpHost.Abstractions.Plugins;

/// <summary>A job's input document and its per-job options, both as submitted.</summary>
/// <param name="Input">The input document, for example <c>{"text": "..."}</c>.</param>
/// <param name="Options">The <c>options</c> object of the job, or <see langword="null"/> when none was given.</param>
public sealed record TaskRequest(JsonElement Input, JsonElement? Options = null);
