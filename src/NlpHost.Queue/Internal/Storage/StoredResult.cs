using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace NlpHost.Queue.Internal.Storage;

/// <summary>
/// How a job's result is kept in <c>jobs.result</c> (text on both backends): the JSON itself, or — above
/// <c>Queue:CompressResultsAboveBytes</c> — gzip in base64 behind a marker. Clustering results of thousands of
/// documents run to megabytes of repetitive JSON (ids, keys); keeping them in the same text column needs no schema
/// change and reads rows written before this existed. The marker starts with '~', which no JSON text can start with.
/// </summary>
internal static class StoredResult
{
    /// <summary>Prefix of a compressed result.</summary>
    public const string GzipMarker = "~gzip:";

    /// <summary>The column text for a result; compressed when its UTF-8 size is above the limit (0 = never) and that is smaller.</summary>
    public static string Encode(JsonElement result, int compressAboveBytes)
    {
        var json = result.GetRawText();
        if (compressAboveBytes <= 0 || Encoding.UTF8.GetByteCount(json) <= compressAboveBytes)
        {
            return json;
        }

        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(json));
        }

        var compressed = GzipMarker + Convert.ToBase64String(buffer.GetBuffer(), 0, (int)buffer.Length);
        return compressed.Length < json.Length ? compressed : json;
    }

    /// <summary>The result a column text holds, compressed or not.</summary>
    public static JsonElement Decode(string stored)
    {
        if (!stored.StartsWith(GzipMarker, StringComparison.Ordinal))
        {
            return JobRow.ParseJson(stored);
        }

        using var gzip = new GZipStream(new MemoryStream(Convert.FromBase64String(stored[GzipMarker.Length..])), CompressionMode.Decompress);
        using var document = JsonDocument.Parse(gzip);
        return document.RootElement.Clone();
    }
}
