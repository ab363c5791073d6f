namespace NlpHost.Queue;

/// <summary>
/// Which exceptions of a job's executor are passing faults, worth a retry with backoff (Hangfire's
/// <c>AutomaticRetry.OnlyOn</c>): the executor's host declares them, the queue matches by type (subclasses included),
/// never by name. <see cref="Abstractions.Plugins.TransientTaskException"/> and database errors are always transient.
/// </summary>
public sealed class JobFaultOptions
{
    /// <summary>Exception types, besides the built-in ones, that the worker retries.</summary>
    public IList<Type> TransientExceptions { get; } = [];
}
