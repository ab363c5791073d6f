using System.Reflection;

namespace NlpHost.Tests.Infrastructure;

/// <summary>Where the build put things, recorded at compile time.</summary>
internal static class BuildLayout
{
    public static string HostDirectory { get; } = Metadata("HostDirectory");

    public static string RepoRoot { get; } = Metadata("RepoRoot");

    public static string Configuration { get; } = Metadata("Configuration");

    public static string HostAssembly => Path.Combine(HostDirectory, "nlphost.dll");

    private static string Metadata(string key) =>
        typeof(BuildLayout).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
