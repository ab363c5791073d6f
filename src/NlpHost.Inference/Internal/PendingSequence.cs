using NlpHost.Abstractions.Backbone;

namespace NlpHost.Inference.Internal;

/// <summary>One queued sequence and the caller waiting for it.</summary>
internal sealed class PendingSequence
{
    private readonly TaskCompletionSource<HiddenStates> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationToken _cancellationToken;
    private readonly CancellationTokenRegistration _registration;

    public PendingSequence(EncoderInput input, CancellationToken cancellationToken)
    {
        Input = input;
        _cancellationToken = cancellationToken;
        if (cancellationToken.CanBeCanceled)
        {
            _registration = cancellationToken.Register(
                static state => ((PendingSequence)state!).TryDropIfCancelled(), this);
        }
    }

    public EncoderInput Input { get; }

    public Task<HiddenStates> Task => _completion.Task;

    /// <summary>True when the caller gave up: the sequence is (now) cancelled and must not run.</summary>
    public bool TryDropIfCancelled()
    {
        if (!_cancellationToken.IsCancellationRequested && !_completion.Task.IsCompleted)
        {
            return false;
        }

        _completion.TrySetCanceled(_cancellationToken);
        return true;
    }

    public void Complete(HiddenStates states)
    {
        _completion.TrySetResult(states);
        _registration.Dispose();
    }

    public void Fail(Exception error)
    {
        _completion.TrySetException(error);
        _registration.Dispose();
    }
}
