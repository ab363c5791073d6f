namespace NlpHost.Dashboard;

/// <summary>Web dashboard settings; section <c>Dashboard</c>. Validated on start.</summary>
public sealed class DashboardOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Dashboard";

    /// <summary><c>Dashboard:Enabled</c>: serve the dashboard from <c>nlphost serve</c>. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary><c>Dashboard:Path</c>: where it is served, e.g. <c>/</c> (default) or <c>/dashboard</c>.</summary>
    public string Path { get; set; } = "/";

    /// <summary><see cref="Path"/> with one trailing slash, the prefix of every dashboard URL.</summary>
    internal string BasePath => Path.TrimEnd('/') + "/";
}
