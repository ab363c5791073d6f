using System.Text.Json;

namespace NlpHost.Api;

/// <summary>
/// Reads the fields of a request object by hand, so a wrong type is refused with its JSON path and a sentence
/// (<c>priority: must be a whole number, got the string "high"</c>) rather than a serializer message naming .NET types.
/// </summary>
internal sealed class JsonFields
{
    private readonly JsonElement _object;
    private readonly string _prefix;

    private JsonFields(JsonElement obj, string prefix)
    {
        _object = obj;
        _prefix = prefix;
    }

    public ApiProblem? Problem { get; private set; }

    /// <summary>The object's fields, or a problem when <paramref name="element"/> is not an object or has unknown fields.</summary>
    public static JsonFields Open(JsonElement element, string path, string expected, IReadOnlyCollection<string> known)
    {
        var prefix = path.Length == 0 ? "" : path + ".";
        var fields = new JsonFields(element, prefix);
        if (element.ValueKind != JsonValueKind.Object)
        {
            fields.Problem = ApiProblem.BadRequest(path.Length == 0 ? "body" : path, $"expected a JSON object {expected}, got {Kind(element)}");
            return fields;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (!known.Contains(property.Name, StringComparer.Ordinal))
            {
                fields.Problem = ApiProblem.BadRequest(prefix + property.Name, $"is not a known field; expected {string.Join(", ", known)}");
                return fields;
            }
        }

        return fields;
    }

    public string? String(string name) => Read(name, JsonValueKind.String, "a string", e => e.GetString());

    public int? Integer(string name) => Read<int?>(name, JsonValueKind.Number, "a whole number between -2147483648 and 2147483647",
        e => e.TryGetInt32(out var value) ? value : throw new FormatException());

    public JsonElement? Object(string name) => Read<JsonElement?>(name, JsonValueKind.Object, "a JSON object", e => e.Clone());

    public JsonElement? Array(string name) => Read<JsonElement?>(name, JsonValueKind.Array, "a JSON array", e => e.Clone());

    private T? Read<T>(string name, JsonValueKind kind, string expected, Func<JsonElement, T> convert)
    {
        if (Problem is not null || !_object.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return default;
        }

        if (value.ValueKind == kind)
        {
            try
            {
                return convert(value);
            }
            catch (FormatException)
            {
            }
        }

        Problem = ApiProblem.BadRequest(_prefix + name, $"must be {expected}, got {Kind(value)}");
        return default;
    }

    /// <summary>A JSON value described for a person: <c>the string "high"</c>, <c>the number 1e9</c>, <c>an array</c>.</summary>
    public static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"the string {Quote(value.GetString()!)}",
        JsonValueKind.Number => $"the number {Shorten(value.GetRawText())}",
        JsonValueKind.True or JsonValueKind.False => $"{value.GetRawText()}",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "null",
    };

    private static string Quote(string text) => JsonSerializer.Serialize(Shorten(text));

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
