using System.Text.Json;
using System.Text.Json.Serialization;

namespace NlpHost.Abstractions.Plugins;

/// <summary>The JSON conventions every task shares: camelCase, enums as strings, no nulls written.</summary>
public static class TaskJson
{
    /// <summary>Serializer options for task inputs, options and results.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            AllowTrailingCommas = true,
            ReadCommentHandling = JsonCommentHandling.Skip,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
