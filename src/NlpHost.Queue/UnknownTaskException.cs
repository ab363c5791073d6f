namespace NlpHost.Queue;

/// <summary>A job names a task that no loaded plugin provides. The job fails at once: retrying cannot help.</summary>
public sealed class UnknownTaskException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="task">The task name that was not found.</param>
    public UnknownTaskException(string task)
        : base($"unknown task '{task}'; install the plugin that provides it or check the task name") => Task = task;

    /// <summary>Creates the exception with a custom message.</summary>
    public UnknownTaskException(string task, string message) : base(message) => Task = task;

    /// <summary>The task name that was not found.</summary>
    public string Task { get; }
}
