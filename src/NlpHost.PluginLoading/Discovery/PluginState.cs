namespace NlpHost.PluginLoading.Discovery;

/// <summary>What became of a plugin folder at start.</summary>
public enum PluginState
{
    /// <summary>Loaded; its tasks are served.</summary>
    Loaded,

    /// <summary>Not loaded because configuration disabled it.</summary>
    Disabled,

    /// <summary>Could not be loaded; <see cref="PluginRecord.Error"/> says why.</summary>
    Failed,
}
