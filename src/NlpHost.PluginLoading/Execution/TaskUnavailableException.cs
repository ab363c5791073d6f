namespace NlpHost.PluginLoading.Execution;

/// <summary>
/// The task cannot run here: no plugin serves it, or a head it requires is missing. Retrying the
/// same job on this deployment cannot succeed.
/// </summary>
public sealed class TaskUnavailableException(string message) : Exception(message);
