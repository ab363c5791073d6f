namespace NlpHost.PluginLoading.Execution;

/// <summary>Where a task's head is expected and whether it is there.</summary>
/// <param name="Name">The head's name.</param>
/// <param name="Path">The absolute path it resolves to.</param>
/// <param name="Required">Whether the task refuses to run without it.</param>
/// <param name="Found">Whether the file exists.</param>
/// <param name="HowToGet">What to do when it is missing.</param>
public sealed record HeadStatus(string Name, string Path, bool Required, bool Found, string HowToGet)
{
    /// <summary>Why the file (or one recorded beside it) fails its integrity check; <see langword="null"/> when it passes.</summary>
    public string? Problem { get; init; }

    /// <summary>
    /// The configuration key that set <see cref="Path"/> (<c>Plugins:&lt;task&gt;:Heads:&lt;name&gt;</c>), or
    /// <see langword="null"/> for the plugin's default. A head someone named explicitly must exist, optional or not.
    /// </summary>
    public string? ConfiguredBy { get; init; }
}
