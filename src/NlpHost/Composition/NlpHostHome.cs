using NlpHost.Inference;
using NlpHost.PluginLoading;

namespace NlpHost.Composition;

/// <summary>
/// Where relative model paths resolve when they do not exist under the current folder: <c>NLPHOST_HOME</c>, else the
/// nearest folder above the executable that has <c>models/</c> (a build inside the repository). Commands then work from
/// any folder instead of only from the repository root; a path the user gave that exists where they are is kept.
/// </summary>
internal static class NlpHostHome
{
    public const string Variable = "NLPHOST_HOME";

    public static IServiceCollection AddHomeResolution(this IServiceCollection services)
    {
        var home = Find();
        if (home is null)
        {
            return services;
        }

        services.PostConfigure<BackboneOptions>(o =>
        {
            // Empty or invalid paths are left for the options validators, which name the key.
            if (o.BaseDirectory is null && !string.IsNullOrWhiteSpace(o.ModelPath) && !File.Exists(Path.GetFullPath(o.ModelPath)))
            {
                o.BaseDirectory = home;
            }
        });
        services.PostConfigure<PluginOptions>(o =>
        {
            if (!string.IsNullOrWhiteSpace(o.ModelsPath) && !Directory.Exists(Path.GetFullPath(o.ModelsPath)))
            {
                o.ModelsPath = Path.GetFullPath(o.ModelsPath, home);
            }
        });
        return services;
    }

    private static string? Find()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } configured)
        {
            return Path.GetFullPath(configured);
        }

        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (Directory.Exists(Path.Combine(folder.FullName, "models")))
            {
                return folder.FullName;
            }
        }

        return null;
    }
}
