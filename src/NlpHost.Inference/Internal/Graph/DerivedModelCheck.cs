using System.Security.Cryptography;
using System.Text.Json;

namespace NlpHost.Inference.Internal.Graph;

/// <summary>
/// Checks a derived int8 graph against the SHA-256 the backbone's <c>manifest.json</c> records for it
/// (<c>"derived": {"int8": {"sourceSha256", "sha256"}}</c>), so the graph that runs is the one whose figures were
/// measured. Only when the source is the model the record was made from: another BERT export has no record and is
/// quantized the same way, unchecked.
/// </summary>
internal static class DerivedModelCheck
{
    public static void Verify(string modelPath, long sourceLength, Int8Quantization.Result derived)
    {
        var manifestPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(modelPath))!, "manifest.json");
        if (Expected(manifestPath) is not { } record || !File.Exists(modelPath))
        {
            return;
        }

        using (var source = File.OpenRead(modelPath))
        {
            if (source.Length != sourceLength || !string.Equals(Convert.ToHexStringLower(SHA256.HashData(source)), record.SourceSha256, StringComparison.OrdinalIgnoreCase))
            {
                return;
            }
        }

        if (!string.Equals(derived.Sha256, record.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidDataException(
                $"Backbone:Precision int8: the graph derived from '{modelPath}' has sha256 {derived.Sha256}, but '{manifestPath}' records {record.Sha256} (derived.int8.sha256); " +
                "the quantization changed since its figures were measured: re-measure and record the new hash, or set Backbone:Precision to fp32");
        }
    }

    /// <summary>The recorded source and derived hashes, or null when the manifest has none.</summary>
    public static (string SourceSha256, string Sha256)? Expected(string manifestPath)
    {
        if (!File.Exists(manifestPath))
        {
            return null;
        }

        using var document = JsonDocument.Parse(File.ReadAllBytes(manifestPath));
        return document.RootElement.TryGetProperty("derived", out var derived) && derived.TryGetProperty(BackboneOptions.PrecisionInt8, out var int8)
            && int8.TryGetProperty("sourceSha256", out var source) && int8.TryGetProperty("sha256", out var sha)
            ? (source.GetString() ?? "", sha.GetString() ?? "")
            : null;
    }
}
