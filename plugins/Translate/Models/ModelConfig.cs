using System.Text.Json;

namespace NlpHost.Tasks.Translate.Models;

/// <summary>
/// What generation needs to know about a model beyond its graph: special tokens, attention geometry (when the graph
/// leaves it symbolic), the longest source and the most target positions (learned position tables end there).
/// Read from a head's <c>manifest.json</c> or an export's <c>config.json</c>, under NlpHost's or Hugging Face's key names.
/// </summary>
internal sealed record ModelConfig(int Start, int End, int Pad, int Unknown, int? Heads, int? HeadDim, int MaxSourcePositions, int MaxTargetPositions)
{
    /// <summary>NlpHost heads: ids of <c>target.spm</c> (pad 0, unk 1, bos 2, eos 3) unless the manifest says otherwise.</summary>
    public static ModelConfig ForHead(string? manifestPath, int maxSourcePositions)
    {
        using var json = Open(manifestPath);
        var root = json?.RootElement;
        var heads = Find(root, "heads", "num_heads", "decoder_attention_heads");
        return new ModelConfig(
            Find(root, "bosId", "bos_id", "decoder_start_token_id", "bos_token_id") ?? 2,
            Find(root, "eosId", "eos_id", "eos_token_id") ?? 3,
            Find(root, "padId", "pad_id", "pad_token_id") ?? 0,
            Find(root, "unkId", "unk_id", "unk_token_id") ?? 1,
            heads,
            Find(root, "headDim", "head_dim", "d_kv") ?? (Find(root, "width", "d_model") / heads),
            maxSourcePositions,
            Find(root, "positions", "maxTargetPositions", "max_target_positions", "max_position_embeddings") ?? int.MaxValue);
    }

    /// <summary>A Hugging Face <c>config.json</c> (Marian, T5); <paramref name="vocabulary"/> supplies <c>&lt;unk&gt;</c>.</summary>
    public static ModelConfig ForExport(string configPath, IReadOnlyDictionary<string, int>? vocabulary)
    {
        using var json = Open(configPath) ?? throw new FileNotFoundException($"'{configPath}' not found", configPath);
        var root = json.RootElement;
        var pad = Find(root, "pad_token_id") ?? 0;
        var heads = Find(root, "decoder_attention_heads", "num_heads");
        var model = Find(root, "d_model");
        return new ModelConfig(
            Find(root, "decoder_start_token_id") ?? pad,
            Find(root, "eos_token_id") ?? throw new InvalidDataException($"'{configPath}' has no eos_token_id"),
            pad,
            vocabulary?.GetValueOrDefault("<unk>", 1) ?? Find(root, "unk_token_id") ?? 2,
            heads,
            Find(root, "d_kv", "head_dim") ?? (model / heads),
            Find(root, "max_position_embeddings") ?? 512,
            Find(root, "max_position_embeddings") ?? int.MaxValue);
    }

    private static JsonDocument? Open(string? path) =>
        path is not null && File.Exists(path) ? JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip }) : null;

    // A key at the top level or one object down (a manifest may group them, e.g. under "decoder").
    private static int? Find(JsonElement? root, params string[] names)
    {
        if (root is not { ValueKind: JsonValueKind.Object } element)
        {
            return null;
        }

        foreach (var name in names)
        {
            if (element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number)
            {
                return value.GetInt32();
            }
        }

        return element.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Object)
            .Select(p => Find(p.Value, names)).FirstOrDefault(v => v is not null);
    }
}
