using Microsoft.Extensions.Configuration;

namespace NlpHost.Composition;

/// <summary>
/// The configuration every verb sees, later sources winning: <c>appsettings.json</c> beside the
/// executable (the shipped defaults), <c>appsettings.json</c> in the current directory (the
/// deployment), <c>NLPHOST_Section__Key</c> environment variables, <c>--Section:Key value</c> arguments.
/// </summary>
internal static class NlpHostConfiguration
{
    public const string EnvironmentPrefix = "NLPHOST_";

    public static IConfigurationBuilder AddNlpHostSources(this IConfigurationBuilder builder, string[] overrides)
    {
        var shipped = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        var deployed = Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json");
        builder.AddJsonFile(shipped, optional: true, reloadOnChange: false);
        if (!string.Equals(Path.GetFullPath(shipped), Path.GetFullPath(deployed), StringComparison.Ordinal))
        {
            builder.AddJsonFile(deployed, optional: true, reloadOnChange: false);
        }

        return builder.AddEnvironmentVariables(EnvironmentPrefix).AddCommandLine(overrides);
    }
}
