using System.Text.Encodings.Web;
using System.Text.Json;
using NlpHost.Abstractions.Plugins;

namespace NlpHost.Cli;

/// <summary>JSON written to standard output: the task conventions, compact or indented.</summary>
internal static class CliJson
{
    // Text in results (translations, corrections) is read by people: keep it as UTF-8 instead of \uXXXX escapes.
    // Nothing here is embedded in HTML, which is what the default encoder guards against.
    public static JsonSerializerOptions Compact { get; } = new(TaskJson.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static JsonSerializerOptions Indented { get; } = new(Compact) { WriteIndented = true };

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
