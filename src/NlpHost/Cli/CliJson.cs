using System.Text.Json;
using NlpHost.Abstractions.Plugins;

namespace NlpHost.Cli;

/// <summary>JSON written to standard output: the task conventions, compact or indented.</summary>
internal static class CliJson
{
    public static JsonSerializerOptions Compact => TaskJson.Options;

    public static JsonSerializerOptions Indented { get; } = new(TaskJson.Options) { WriteIndented = true };

    /// <summary>Reads JSON from a file, or standard input for <c>-</c>, naming the source when it is not JSON.</summary>
    public static async Task<JsonElement> ReadAsync(string source, CancellationToken cancellationToken)
    {
        string text;
        if (source == "-")
        {
            text = await Console.In.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        }
        else if (File.Exists(source))
        {
            text = await File.ReadAllTextAsync(source, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            throw new UsageException($"input file '{source}' not found");
        }

        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new TaskInputException("input", $"{(source == "-" ? "standard input" : source)} is not valid JSON: {e.Message}", e);
        }
    }
}
