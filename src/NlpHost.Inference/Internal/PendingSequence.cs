using NlpHost.Abstractions.Backbone;

namespace NlpHost.Inference.Internal;

/// <summary>One queued sequence and the caller waiting for it.</summary>
internal sealed class PendingSequence
{
    private readonly TaskCompletionSource<EncodedSequence> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationToken _cancellationToken;
    private readonly CancellationTokenRegistration _registration;

    public PendingSequence(EncoderInput input, int layer, CancellationToken cancellationToken)
    {
        Input = input;
        Layer = layer;
        _cancellationToken = cancellationToken;
        if (cancellationToken.CanBeCanceled)
        {
            _registration = cancellationToken.Register(
                static state => ((PendingSequence)state!).TryDropIfCancelled(), this);
        }
    }

    public EncoderInput Input { get; }

    /// <summary>The intermediate layer (1-based) whose states the caller also wants; 0 for the last layer only.</summary>
    public int Layer { get; }

    public Task<EncodedSequence> Task => _completion.Task;

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

    public void Complete(EncodedSequence states)
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

/// <summary>What one run returned for a sequence: the last layer, and the requested intermediate layer if any.</summary>
internal sealed record EncodedSequence(HiddenStates Last, HiddenStates? Layer = null);
