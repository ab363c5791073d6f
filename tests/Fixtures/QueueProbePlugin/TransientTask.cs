using NlpHost.Abstractions.Plugins;

namespace QueueProbePlugin;

/// <summary>Always fails with a fault worth retrying, recording each attempt.</summary>
public sealed class TransientTask : TaskPlugin<ProbeInput, object, ProbeOutput>
{
    public override TaskDescriptor Descriptor { get; } = Describe("transient", "1.0.0", "Always throws TransientTaskException");

    protected override void Validate(ProbeInput input, object options) => ExecutionLog.ValidateMarker(input.Marker);

    protected override Task<ProbeOutput> ExecuteAsync(ProbeInput input, object options, TaskContext context, CancellationToken cancellationToken)
    {
        ExecutionLog.Record(context, input.Marker, "attempt", ExecutionLog.NewRun());
        throw new TransientTaskException($"probe '{input.Marker}' failed on purpose; it always does");
    }
}
