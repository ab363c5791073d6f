namespace NlpHost.Abstractions;

/// <summary>
/// The version of the plugin contract. A plugin records the version it was compiled against
/// (see <see cref="Plugins.NlpHostPluginAttribute"/>); the host refuses a plugin whose major differs
/// from its own, or whose minor is newer than its own.
/// </summary>
public static class ContractVersion
{
    /// <summary>Incremented on a breaking change to any public type of this assembly.</summary>
    public const int Major = 1;

    /// <summary>Incremented when members are added without breaking existing plugins.</summary>
    public const int Minor = 0;

    /// <summary>The version as <c>major.minor</c>.</summary>
    public static string Text => $"{Major}.{Minor}";
}
