namespace NlpHost.Abstractions.Plugins;

/// <summary>A fault that may pass (a busy device, a lost connection): the queue retries the job with backoff.</summary>
public sealed class TransientTaskException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TransientTaskException(string message) : base(message) { }

    /// <summary>Creates the exception with an inner cause.</summary>
    public TransientTaskException(string message, Exception inner) : base(message, inner) { }
}
