using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace NlpHost.Api;

/// <summary>Health answers as JSON naming each component and, when one fails, why (a bare "Unhealthy" helps no one).</summary>
internal static class HealthResponse
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = Name(report.Status),
            components = report.Entries.ToDictionary(e => e.Key, e => new { status = Name(e.Value.Status), description = e.Value.Description }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, JsonSerializerOptions.Web));
    }

    private static string Name(HealthStatus status) => status.ToString().ToLowerInvariant();
}
