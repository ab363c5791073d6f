using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace NlpHost.Dashboard.Internal;

/// <summary>What the page needs to know before it can call the API.</summary>
internal sealed record DashboardSession(bool KeyRequired, bool RunsWorker);

/// <summary>
/// Serves the page and its scripts from this assembly's embedded resources, ahead of the API key check: they hold no
/// data. Also answers <c>api/session</c>, which only says whether a key is needed, so the page can show the login
/// form without first provoking a 401 (which the browser would report as a console error).
/// </summary>
internal sealed class DashboardAssets(RequestDelegate next, string basePath, DashboardSession session)
{
    private const string ResourcePrefix = "dashboard/";

    // The policy is the proof that nothing is fetched from elsewhere at run time.
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".png"] = "image/png",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, Asset> Assets = LoadAssets();

    private readonly string _root = basePath.TrimEnd('/');

    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            return next(context);
        }

        if (_root.Length > 0 && path.Equals(_root, StringComparison.Ordinal))
        {
            context.Response.Redirect(basePath);
            return Task.CompletedTask;
        }

        if (!path.StartsWith(basePath, StringComparison.Ordinal))
        {
            return next(context);
        }

        var rest = path[basePath.Length..];
        if (rest == "api/session")
        {
            context.Response.Headers.CacheControl = "no-store";
            return context.Response.WriteAsJsonAsync(session);
        }

        var name = rest.Length == 0 ? "index.html" : rest.StartsWith("assets/", StringComparison.Ordinal) ? rest["assets/".Length..] : null;
        return name is not null && Assets.TryGetValue(name, out var asset) ? WriteAsync(context, asset) : next(context);
    }

    private static Task WriteAsync(HttpContext context, Asset asset)
    {
        var response = context.Response;
        response.Headers.ETag = asset.ETag;
        // Revalidated on each load: an upgraded host must not be shown with an old script.
        response.Headers.CacheControl = "no-cache";
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        if (context.Request.Headers.IfNoneMatch == asset.ETag)
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        response.ContentType = asset.ContentType;
        response.ContentLength = asset.Bytes.Length;
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : response.Body.WriteAsync(asset.Bytes, context.RequestAborted).AsTask();
    }

    private static FrozenDictionary<string, Asset> LoadAssets()
    {
        var assembly = typeof(DashboardAssets).Assembly;
        var assets = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var name = resource[ResourcePrefix.Length..].Replace('\\', '/');
            if (!ContentTypes.TryGetValue(Path.GetExtension(name), out var contentType))
            {
                continue;
            }

            assets[name] = new Asset(Read(assembly, resource), contentType);
        }

        return assets.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static byte[] Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private sealed record Asset(byte[] Bytes, string ContentType)
    {
        public string ETag { get; } = $"\"{Convert.ToHexString(SHA256.HashData(Bytes))[..16]}\"";
    }
}
