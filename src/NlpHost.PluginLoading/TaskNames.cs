namespace NlpHost.PluginLoading;

/// <summary>
/// The one rule for task names: trimmed, lower case (invariant). The catalog, submissions (HTTP and CLI) and the queue
/// all use it, so a name typed as <c>Summarize</c> reaches the worker that serves <c>summarize</c>.
/// </summary>
public static class TaskNames
{
    /// <summary>The canonical form of a task name.</summary>
    public static string Canonical(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Trim().ToLowerInvariant();
    }

    /// <summary>Whether two names denote the same task.</summary>
    public static bool Same(string a, string b) => string.Equals(Canonical(a), Canonical(b), StringComparison.Ordinal);
}
