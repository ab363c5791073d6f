using NlpHost.Abstractions.Plugins;

namespace QueueProbePlugin;

public sealed record SleepOptions
{
    public int Ms { get; init; }

    /// <summary>Refuse the input only when running, as a task does when the problem shows only in the work itself.</summary>
    public bool RejectWhenRunning { get; init; }

    /// <summary>Waits in this many equal steps, reporting progress after each (0: one wait, no progress).</summary>
    public int Steps { get; init; }
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

        if (options.Steps is < 0 or > 1000)
        {
            throw new TaskInputException("options.steps", "must be between 0 and 1000");
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
        var steps = Math.Max(1, options.Steps);
        for (var step = 1; step <= steps && options.Ms > 0; step++)
        {
            await Task.Delay(options.Ms / steps, cancellationToken).ConfigureAwait(false);
            if (options.Steps > 0)
            {
                context.Progress.Report(new TaskProgress((double)step / steps, $"step {step} of {steps}"));
            }
        }

        ExecutionLog.Record(context, input.Marker, "end", run);
        return new ProbeOutput(input.Marker, run);
    }
}
