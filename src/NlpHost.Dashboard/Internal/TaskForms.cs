using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using NlpHost.Abstractions.Plugins;
using NlpHost.PluginLoading;

namespace NlpHost.Dashboard.Internal;

/// <summary>A task as the try-a-task form needs it: JSON schemas of its input and options, with defaults and ranges.</summary>
internal sealed record TaskForm(string Name, string Version, string Description, JsonNode Input, JsonNode Options);

/// <summary>
/// Derives each task's form from its contract (the descriptor's input and options types, read the way
/// <see cref="TaskJson"/> binds them) rather than from a per-task page: a new plugin gets a form without a host change.
/// </summary>
internal sealed class TaskForms(PluginCatalog catalog)
{
    private static readonly JsonSchemaExporterOptions Exporter = new()
    {
        TreatNullObliviousAsNonNullable = true,
        TransformSchemaNode = AddRange,
    };

    private readonly Lazy<IReadOnlyList<TaskForm>> _forms = new(() => [.. catalog.Tasks.Values
        .Select(t => t.Descriptor)
        .OrderBy(d => d.Name, StringComparer.Ordinal)
        .Select(d => new TaskForm(d.Name, d.Version, d.Description, Schema(d.InputType), WithDefaults(Schema(d.OptionsType), d.OptionsType)))]);

    public IReadOnlyList<TaskForm> All => _forms.Value;

    private static JsonNode Schema(Type type) => TaskJson.Options.GetJsonSchemaAsNode(type, Exporter);

    // The defaults are what a new options object holds: the plugin states each default once, in its record.
    private static JsonNode WithDefaults(JsonNode schema, Type optionsType)
    {
        if (schema is not JsonObject root || root["properties"] is not JsonObject properties || optionsType.GetConstructor(Type.EmptyTypes) is null)
        {
            return schema;
        }

        var defaults = JsonSerializer.SerializeToNode(Activator.CreateInstance(optionsType), optionsType, TaskJson.Options) as JsonObject;
        foreach (var (name, property) in properties)
        {
            if (property is JsonObject field && defaults?[name] is { } value)
            {
                field["default"] = value.DeepClone();
            }
        }

        return schema;
    }

    private static JsonNode AddRange(JsonSchemaExporterContext context, JsonNode schema)
    {
        if (schema is JsonObject field && context.PropertyInfo?.AttributeProvider is ICustomAttributeProvider provider
            && provider.GetCustomAttributes(typeof(RangeAttribute), inherit: true).FirstOrDefault() is RangeAttribute range)
        {
            field["minimum"] = JsonValue.Create(Convert.ToDouble(range.Minimum, null));
            field["maximum"] = JsonValue.Create(Convert.ToDouble(range.Maximum, null));
        }

        return schema;
    }
}
