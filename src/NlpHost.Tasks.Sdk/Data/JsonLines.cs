using System.Text.Json;
using NlpHost.Abstractions.Plugins;

namespace NlpHost.Tasks.Sdk.Data;

/// <summary>
/// JSON Lines data for evaluators: one JSON object per line, blank lines skipped. A bad line is reported once, the same
/// way for every plugin, as a <see cref="TaskInputException"/> whose field is <c>&lt;file&gt; line &lt;n&gt;</c>.
/// </summary>
public static class JsonLines
{
    /// <summary>The objects of <paramref name="reader"/>, each with its 1-based line number.</summary>
    /// <param name="reader">The data.</param>
    /// <param name="name">The file's name, for messages.</param>
    /// <param name="limit">At most this many records; null for all.</param>
    /// <exception cref="TaskInputException">A line is not a JSON object, or the data is empty.</exception>
    public static IEnumerable<(int Line, JsonElement Record)> Read(TextReader reader, string name, int? limit = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var (number, count) = (0, 0);
        while ((limit is null || count < limit) && reader.ReadLine() is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var record = Parse(line, name, number);
            if (record.ValueKind != JsonValueKind.Object)
            {
                throw Bad(name, number, "is not a JSON object");
            }

            count++;
            yield return (number, record);
        }

        if (number == 0)
        {
            throw new TaskInputException("data", $"'{name}' is empty; expected JSON Lines, one object per line");
        }
    }

    /// <summary>The error for line <paramref name="line"/> of <paramref name="name"/>, e.g. a missing field.</summary>
    public static TaskInputException Bad(string name, int line, string message, Exception? inner = null) =>
        inner is null ? new TaskInputException($"{name} line {line}", message) : new TaskInputException($"{name} line {line}", message, inner);

    private static JsonElement Parse(string line, string name, int number)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw Bad(name, number, $"is not valid JSON: {e.Message}", e);
        }
    }
}
