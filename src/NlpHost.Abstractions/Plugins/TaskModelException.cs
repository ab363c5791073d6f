namespace NlpHost.Abstractions.Plugins;

/// <summary>
/// A model, head or data file the task needs is missing or unusable as configured (contract 1.2). Not the request's
/// fault and not passing: the host reports the task as unavailable (CLI exit code 4) and fails the job at once.
/// Say what is missing and which setting or command fixes it.
/// </summary>
public sealed class TaskModelException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TaskModelException(string message) : base(message) { }

    /// <summary>Creates the exception with an inner cause.</summary>
    public TaskModelException(string message, Exception inner) : base(message, inner) { }
}
