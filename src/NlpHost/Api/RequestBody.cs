using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;

namespace NlpHost.Api;

/// <summary>
/// Reads a JSON request body under a size limit, so that every refusal is a problem that says what was wrong: too large
/// (413 naming the limit's key), not JSON (400 with the line and position), nested too deep. Any Content-Type is
/// read as JSON (the endpoints take nothing else), so <c>curl -d</c> without a header works.
/// </summary>
internal static class RequestBody
{
    /// <summary>Deeper bodies are refused before any binding; task limits (<c>Limits:*:MaxDepth</c>) are lower.</summary>
    public const int MaxDepth = 64;

    public static async Task<(JsonElement Body, ApiProblem? Problem)> ReadAsync(HttpRequest request, long limit, string limitKey, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return (default, TooLarge(request.ContentLength.Value, limit, limitKey));
        }

        // The limit is enforced here, with a message; the server's own limit would only answer an empty 413.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81_920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return (default, TooLarge(buffer.Length + read, limit, limitKey, atLeast: true));
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            return (default, ApiProblem.BadRequest("body", "is empty; send a JSON object"));
        }

        try
        {
            using var document = JsonDocument.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), new JsonDocumentOptions
            {
                MaxDepth = MaxDepth,
                AllowTrailingCommas = true,
                CommentHandling = JsonCommentHandling.Skip,
            });
            return (document.RootElement.Clone(), null);
        }
        catch (JsonException e)
        {
            return (default, ApiProblem.BadRequest("body", Describe(e)));
        }
    }

    private static ApiProblem TooLarge(long size, long limit, string key, bool atLeast = false) => new(413, key, string.Create(
        CultureInfo.InvariantCulture, $"the body is {(atLeast ? "more than " : "")}{(atLeast ? limit : size):N0} bytes; the limit is {limit:N0} bytes ({key})"));

    private static string Describe(JsonException e)
    {
        // The reader's own words, without its "LineNumber: 0 | BytePositionInLine: 3." suffix (zero-based, in bytes).
        var message = e.Message.Split(" LineNumber:", 2)[0].TrimEnd('.');
        if (message.Contains("maximum configured depth", StringComparison.Ordinal))
        {
            message = $"is nested deeper than {MaxDepth} levels";
            return message;
        }

        var where = e.LineNumber is { } line ? string.Create(CultureInfo.InvariantCulture, $" at line {line + 1}, byte {e.BytePositionInLine + 1}") : "";
        return $"is not valid JSON{where}: {message}";
    }
}
