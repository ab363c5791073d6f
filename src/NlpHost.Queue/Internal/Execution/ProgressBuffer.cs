using NlpHost.Abstractions.Plugins;

namespace NlpHost.Queue.Internal.Execution;

/// <summary>Keeps the latest progress a task reported; the heartbeat stores it, so chatty tasks cost no extra writes.</summary>
internal sealed class ProgressBuffer : IProgress<TaskProgress>
{
    private readonly Lock _gate = new();
    private TaskProgress? _pending;

    public void Report(TaskProgress value)
    {
        lock (_gate)
        {
            _pending = value;
        }
    }

    public bool TryTake(out TaskProgress value)
    {
        lock (_gate)
        {
            value = _pending.GetValueOrDefault();
            var had = _pending.HasValue;
            _pending = null;
            return had;
        }
    }
}
