using NlpHost.Abstractions.Plugins;

namespace QueueProbePlugin;

public sealed record SleepOptions
{
    public int Ms { get; init; }

    /// <summary>Refuse the input only when running, as a task does when the problem shows only in the work itself.</summary>
    public bool RejectWhenRunning { get; init; }
}

/// <summary>Waits <c>options.ms</c> (cancellable), recording its start and end, and returns its marker.</summary>
public sealed class SleepTask : TaskPlugin<ProbeInput, SleepOptions, ProbeOutput>
{
    public override TaskDescriptor Descriptor { get; } = Describe("sleep", "1.0.0", "Waits options.ms and returns its input marker");

    protected override void Validate(ProbeInput input, SleepOptions options)
    {
        ExecutionLog.ValidateMarker(input.Marker);
        if (options.Ms < 0)
        {
            throw new TaskInputException("options.ms", "must be 0 or more");
        }
    }

    protected override async Task<ProbeOutput> ExecuteAsync(ProbeInput input, SleepOptions options, TaskContext context, CancellationToken cancellationToken)
    {
        if (options.RejectWhenRunning)
        {
            throw new TaskInputException("input.marker", $"'{input.Marker}' rejected while running");
        }

        var run = ExecutionLog.NewRun();
        ExecutionLog.Record(context, input.Marker, "start", run);
        if (options.Ms > 0)
        {
            await Task.Delay(options.Ms, cancellationToken).ConfigureAwait(false);
        }

        ExecutionLog.Record(context, input.Marker, "end", run);
        return new ProbeOutput(input.Marker, run);
    }
}
