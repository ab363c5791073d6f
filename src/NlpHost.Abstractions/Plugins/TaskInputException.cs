namespace NlpHost.Abstractions.Plugins;

/// <summary>
/// The input or options of a job are invalid. The job fails at once: retrying cannot help.
/// </summary>
public sealed class TaskInputException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="field">JSON path of the offending field, e.g. <c>input.documents[3].text</c>.</param>
    /// <param name="message">What is wrong and, where it helps, what is expected.</param>
    public TaskInputException(string field, string message) : base($"{field}: {message}") => Field = field;

    /// <summary>Creates the exception with an inner cause.</summary>
    public TaskInputException(string field, string message, Exception inner) : base($"{field}: {message}", inner) => Field = field;

    /// <summary>JSON path of the offending field.</summary>
    public string Field { get; }
}
