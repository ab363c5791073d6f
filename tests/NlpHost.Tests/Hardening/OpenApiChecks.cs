using System.Text.Json;

namespace NlpHost.Tests.Hardening;

/// <summary>What the OpenAPI document must say for each endpoint: the status codes it answers, optional fields, security.</summary>
internal static class OpenApiChecks
{
    private static readonly (string Path, string Method, int[] Statuses)[] Endpoints =
    [
        ("/v1/jobs", "post", [202, 400, 401, 404, 409, 413]),
        ("/v1/jobs/batch", "post", [202, 400, 401, 404, 413]),
        ("/v1/jobs", "get", [200, 400, 401]),
        ("/v1/jobs/{id}", "get", [200, 401, 404]),
        ("/v1/jobs/{id}", "delete", [202, 401, 404, 409]),
        ("/v1/jobs/{id}/result", "get", [200, 401, 404, 409]),
        ("/v1/jobs/{id}/cancel", "post", [202, 401, 404, 409]),
        ("/v1/tasks", "get", [200, 401]),
        ("/v1/tasks/{task}/run", "post", [200, 400, 401, 404, 413, 503]),
    ];

    public static void AssertMatchesApi(JsonElement document)
    {
        var paths = document.GetProperty("paths");
        foreach (var (path, method, statuses) in Endpoints)
        {
            Assert.True(paths.TryGetProperty(path, out var item), $"{path} missing");
            Assert.True(item.TryGetProperty(method, out var operation), $"{method} {path} missing");
            var documented = operation.GetProperty("responses").EnumerateObject().Select(r => int.Parse(r.Name, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
            foreach (var status in statuses)
            {
                Assert.True(documented.Contains(status), $"{method} {path} does not document {status} (has {string.Join(", ", documented)})");
            }
        }

        var schemas = document.GetProperty("components").GetProperty("schemas");
        var submit = schemas.GetProperty("SubmitJob");
        var required = submit.GetProperty("required").EnumerateArray().Select(r => r.GetString()).Order().ToList();
        Assert.Equal(["input", "task"], required);
        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("X-Api-Key", schemes.GetProperty("ApiKey").GetProperty("name").GetString());
        Assert.Equal("bearer", schemes.GetProperty("Bearer").GetProperty("scheme").GetString());
        Assert.True(document.GetProperty("security").GetArrayLength() >= 1);
    }
}
