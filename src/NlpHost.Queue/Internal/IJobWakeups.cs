namespace NlpHost.Queue.Internal;

/// <summary>How a store tells an idle worker that jobs arrived; a store without a channel leaves the worker to poll.</summary>
internal interface IJobWakeups
{
    static IJobWakeups None { get; } = new NoWakeups();

    /// <summary>Pulsed when jobs may be available.</summary>
    JobSignal Arrivals { get; }

    /// <summary>Listens for jobs enqueued by other hosts until cancelled (returns at once where there is no such channel).</summary>
    Task ListenAsync(CancellationToken cancellationToken);

    private sealed class NoWakeups : IJobWakeups
    {
        public JobSignal Arrivals { get; } = new();

        public Task ListenAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
