using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace NlpHost.Api;

/// <summary>When <c>Api:Keys</c> is set, refuses every request without one of the keys (401).</summary>
internal sealed class ApiKeyMiddleware(RequestDelegate next, IOptions<ApiOptions> options)
{
    private readonly byte[][] _keys = [.. options.Value.Keys.Where(k => !string.IsNullOrEmpty(k)).Select(Encoding.UTF8.GetBytes)];
    private readonly ApiOptions _options = options.Value;

    public Task InvokeAsync(HttpContext context)
    {
        if (_keys.Length == 0 || IsOpen(context.Request.Path) || IsAuthorized(context.Request))
        {
            return next(context);
        }

        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "ApiKey header=\"X-Api-Key\"";
        return context.Response.WriteAsJsonAsync(
            new { title = "X-Api-Key: missing or invalid API key; send it in X-Api-Key or Authorization: Bearer", status = 401, field = "X-Api-Key" },
            options: null, contentType: "application/problem+json");
    }

    // Orchestrators probe health without credentials; metrics can be opened for a scraper on a private network.
    private bool IsOpen(PathString path) =>
        (!_options.ProtectHealth && path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase))
        || (!_options.ProtectMetrics && path.StartsWithSegments("/metrics", StringComparison.OrdinalIgnoreCase));

    private bool IsAuthorized(HttpRequest request)
    {
        var presented = request.Headers["X-Api-Key"].ToString();
        if (presented.Length == 0 && request.Headers.Authorization.ToString() is { } authorization && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            presented = authorization["Bearer ".Length..].Trim();
        }

        var bytes = Encoding.UTF8.GetBytes(presented);
        // Constant-time comparison: do not leak how much of a key matched.
        return bytes.Length > 0 && _keys.Any(k => CryptographicOperations.FixedTimeEquals(k, bytes));
    }
}
