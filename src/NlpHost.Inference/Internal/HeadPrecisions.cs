using System.Text.Json;
using NlpHost.Abstractions.Plugins;

namespace NlpHost.Inference.Internal;

/// <summary>
/// Refuses a head on a backbone precision it was not validated for. A head reads the backbone's hidden states, so its
/// figures hold only for the states it was checked on: its <c>manifest.json</c> lists them as
/// <c>"backbonePrecisions": ["fp32", "int8"]</c>. A head manifest (one naming a <c>head</c> or <c>task</c>) without the
/// list was trained and measured on fp32 only. A model with no manifest beside it (a whole Hugging Face export, the
/// backbone itself) reads no backbone states and is not checked.
/// </summary>
internal static class HeadPrecisions
{
    public const string Key = "backbonePrecisions";

    public static void Check(string modelPath, string precision)
    {
        var manifestPath = Path.Combine(Path.GetDirectoryName(modelPath)!, "manifest.json");
        if (!File.Exists(manifestPath))
        {
            return;
        }

        string[] validated;
        using (var document = JsonDocument.Parse(File.ReadAllBytes(manifestPath)))
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !(root.TryGetProperty(Key, out var list) || root.TryGetProperty("head", out _) || root.TryGetProperty("task", out _)))
            {
                return;
            }

            validated = root.TryGetProperty(Key, out list)
                ? [.. list.EnumerateArray().Select(p => p.GetString() ?? "")]
                : [BackboneOptions.PrecisionFp32];
        }

        if (!validated.Contains(precision, StringComparer.Ordinal))
        {
            throw new TaskModelException(
                $"head '{modelPath}' was validated on backbone precision {string.Join(", ", validated)} only ('{Key}' in '{manifestPath}'), " +
                $"but Backbone:Precision is {precision}: set Backbone:Precision to {validated.FirstOrDefault() ?? BackboneOptions.PrecisionFp32}, " +
                $"or check the head's figures on {precision} and add it to '{Key}'");
        }
    }
}
