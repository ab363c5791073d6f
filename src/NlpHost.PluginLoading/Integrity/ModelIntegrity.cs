using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace NlpHost.PluginLoading.Integrity;

/// <summary>
/// Checks model files against the <c>files</c> record (<c>{"name": {"bytes": n, "sha256": "…"}}</c>) of the
/// <c>manifest.json</c> in their folder, once per file version: a truncated or corrupt shipped model is reported with the file
/// and the reason instead of loading half a lexicon or failing deep inside ONNX Runtime. A file with no record (a user's own
/// model) is not hashed; its loader checks its shape.
/// </summary>
public sealed class ModelIntegrity
{
    private const string ManifestName = "manifest.json";
    private readonly ConcurrentDictionary<(string Path, long Length, DateTime Written), string?> _checked = new();

    // Parsed once per manifest version: every task run asks, and the answer changes only when the manifest does.
    private readonly ConcurrentDictionary<(string Path, long Length, DateTime Written), Dictionary<string, FileRecord>> _manifests = new();

    /// <summary>What is wrong with <paramref name="path"/> or any file recorded beside it; <see langword="null"/> when all match.</summary>
    public string? Problem(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            return $"'{full}' not found";
        }

        var manifest = Path.Combine(Path.GetDirectoryName(full)!, ManifestName);
        if (!File.Exists(manifest) || string.Equals(Path.GetFileName(full), ManifestName, StringComparison.Ordinal))
        {
            return null;
        }

        Dictionary<string, FileRecord> records;
        try
        {
            var info = new FileInfo(manifest);
            records = _manifests.GetOrAdd((manifest, info.Length, info.LastWriteTimeUtc), _ => ReadRecords(manifest));
        }
        catch (Exception e) when (e is JsonException or IOException or InvalidOperationException or FormatException)
        {
            return $"'{manifest}' cannot be read: {e.Message}";
        }

        // The whole folder: a head's decoder is useless with a corrupt target.spm beside it.
        foreach (var (name, record) in records.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            if (Check(Path.Combine(Path.GetDirectoryName(full)!, name), record) is { } problem)
            {
                return problem;
            }
        }

        return null;
    }

    private string? Check(string path, FileRecord record)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            return $"'{path}' not found (listed in its folder's {ManifestName})";
        }

        return _checked.GetOrAdd((path, info.Length, info.LastWriteTimeUtc), _ =>
        {
            if (info.Length != record.Bytes)
            {
                return string.Create(CultureInfo.InvariantCulture,
                    $"'{path}' is {info.Length:N0} bytes, its {ManifestName} says {record.Bytes:N0}: the file is truncated or replaced; restore it (git checkout, or rebuild for the backbone)");
            }

            if (record.Sha256 is null)
            {
                return null;
            }

            using var stream = File.OpenRead(path);
            var actual = Convert.ToHexStringLower(SHA256.HashData(stream));
            return string.Equals(actual, record.Sha256, StringComparison.OrdinalIgnoreCase)
                ? null
                : $"'{path}' has sha256 {actual}, its {ManifestName} says {record.Sha256}: the file is corrupt or replaced; restore it (git checkout, or rebuild for the backbone)";
        });
    }

    private static Dictionary<string, FileRecord> ReadRecords(string manifest)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(manifest));
        var records = new Dictionary<string, FileRecord>(StringComparer.Ordinal);
        if (!document.RootElement.TryGetProperty("checksums", out var files) || files.ValueKind != JsonValueKind.Object)
        {
            return records;
        }

        foreach (var file in files.EnumerateObject())
        {
            var bytes = file.Value.GetProperty("bytes").GetInt64();
            var sha = file.Value.TryGetProperty("sha256", out var s) ? s.GetString() : null;
            records[file.Name] = new FileRecord(bytes, sha);
        }

        return records;
    }

    private sealed record FileRecord(long Bytes, string? Sha256);
}
