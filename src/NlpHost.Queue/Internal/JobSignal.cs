namespace NlpHost.Queue.Internal;

/// <summary>
/// A wake-up for an idle worker's dispatcher (its one waiter). A pulse with no waiter is kept until the next wait, so a
/// job enqueued between the dispatcher's empty lease and its wait is not missed.
/// </summary>
internal sealed class JobSignal
{
    private readonly Lock _gate = new();
    private TaskCompletionSource _next = NewSource();
    private long _pulses;
    private long _consumed;

    public void Pulse()
    {
        TaskCompletionSource released;
        lock (_gate)
        {
            _pulses++;
            released = _next;
            _next = NewSource();
        }

        released.TrySetResult();
    }

    /// <summary>Waits for a pulse, at most <paramref name="timeout"/> (the poll fallback); cancellation ends the wait without throwing.</summary>
    /// <returns><see langword="true"/> when pulsed since the last wait.</returns>
    public async Task<bool> WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        Task pulsed;
        lock (_gate)
        {
            if (Consume())
            {
                return true;
            }

            pulsed = _next.Task;
        }

        await pulsed.WaitAsync(timeout, time, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        lock (_gate)
        {
            return Consume();
        }
    }

    private bool Consume()
    {
        var had = _pulses != _consumed;
        _consumed = _pulses;
        return had;
    }

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
