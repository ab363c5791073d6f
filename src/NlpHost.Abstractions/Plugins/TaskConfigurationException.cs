namespace NlpHost.Abstractions.Plugins;

/// <summary>
/// A setting under <c>Plugins:&lt;task&gt;</c> (or another configuration key) is invalid (contract 1.4). Not the request's
/// fault and not passing: the host exits with code 5 on the command line, answers a problem naming the key over HTTP
/// and fails a job at once. The host throws it when a plugin's declared settings type does not bind or validate.
/// </summary>
public sealed class TaskConfigurationException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="key">The full configuration key, e.g. <c>Plugins:summarize:MmrLambda</c>.</param>
    /// <param name="message">What is wrong and what is expected, e.g. <c>must be between 0 and 1, got '5'</c>.</param>
    public TaskConfigurationException(string key, string message) : base($"{key}: {message}") => Key = key;

    /// <summary>Creates the exception with an inner cause.</summary>
    public TaskConfigurationException(string key, string message, Exception inner) : base($"{key}: {message}", inner) => Key = key;

    /// <summary>The full configuration key.</summary>
    public string Key { get; }
}
