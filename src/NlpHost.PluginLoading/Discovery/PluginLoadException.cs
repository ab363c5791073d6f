namespace NlpHost.PluginLoading.Discovery;

/// <summary>A plugin folder could not be loaded; the message says why and what to do.</summary>
internal sealed class PluginLoadException(string message, Exception? inner = null) : Exception(message, inner);
