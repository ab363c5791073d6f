using NlpHost.Abstractions.Plugins;

namespace QueueProbePlugin;

public sealed record NoopInput(string? Marker);

public sealed record NoopOutput(string? Marker);

/// <summary>Does nothing: what is left to measure is the queue's own bookkeeping.</summary>
public sealed class NoopTask : TaskPlugin<NoopInput, object, NoopOutput>
{
    public override TaskDescriptor Descriptor { get; } = Describe("noop", "1.0.0", "Returns its input marker at once");

    protected override Task<NoopOutput> ExecuteAsync(NoopInput input, object options, TaskContext context, CancellationToken cancellationToken) =>
        Task.FromResult(new NoopOutput(input.Marker));
}
