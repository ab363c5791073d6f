using Microsoft.Extensions.Options;

namespace NlpHost.Dashboard.Internal;

/// <summary>Refuses a dashboard path that could not be served or would hide the API.</summary>
internal sealed class DashboardOptionsValidator : IValidateOptions<DashboardOptions>
{
    private static readonly string[] Reserved = ["/v1", "/health", "/metrics", "/openapi"];

    public ValidateOptionsResult Validate(string? name, DashboardOptions options)
    {
        var builder = new ValidateOptionsResultBuilder();
        var path = options.Path;
        if (string.IsNullOrEmpty(path) || path[0] != '/')
        {
            builder.AddError($"Dashboard:Path must start with '/', got '{path}'");
        }
        else if (path.Any(c => char.IsWhiteSpace(c) || c is '?' or '#' or '%' or '\\') || path.Contains("//", StringComparison.Ordinal))
        {
            builder.AddError($"Dashboard:Path '{path}' must be a plain path (no spaces, '?', '#', '%', '\\' or '//')");
        }
        else if (Reserved.Any(r => path.TrimEnd('/').Equals(r, StringComparison.OrdinalIgnoreCase) || path.StartsWith(r + "/", StringComparison.OrdinalIgnoreCase)))
        {
            builder.AddError($"Dashboard:Path '{path}' is inside the API ({string.Join(", ", Reserved)}); choose another, e.g. /dashboard");
        }

        return builder.Build();
    }
}
