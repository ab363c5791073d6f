namespace NlpHost.Queue;

/// <summary>
/// How long finished jobs are kept, per state, before the worker deletes them. Bound from <c>Queue:Retention</c> and
/// validated on start. An age of <c>0</c> keeps jobs of that state forever.
/// </summary>
public sealed class RetentionOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Queue:Retention";

    /// <summary><c>Queue:Retention:SucceededDays</c>: age (since finishing) after which succeeded jobs are deleted. Default 7.</summary>
    public double SucceededDays { get; set; } = 7;

    /// <summary><c>Queue:Retention:FailedDays</c>: the same for failed jobs. Default 30.</summary>
    public double FailedDays { get; set; } = 30;

    /// <summary><c>Queue:Retention:DeadDays</c>: the same for dead jobs (attempts exhausted). Default 30.</summary>
    public double DeadDays { get; set; } = 30;

    /// <summary><c>Queue:Retention:CancelledDays</c>: the same for cancelled jobs. Default 7.</summary>
    public double CancelledDays { get; set; } = 7;

    /// <summary><c>Queue:Retention:IntervalMinutes</c>: how often a worker host runs a retention pass. Default 10.</summary>
    public double IntervalMinutes { get; set; } = 10;

    /// <summary><c>Queue:Retention:BatchSize</c>: jobs deleted per transaction, so a pass never holds locks for long. Default 500.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>The age per finished state; states kept forever are left out.</summary>
    internal IReadOnlyDictionary<Jobs.JobState, TimeSpan> Ages() => new Dictionary<Jobs.JobState, double>
    {
        [Jobs.JobState.Succeeded] = SucceededDays,
        [Jobs.JobState.Failed] = FailedDays,
        [Jobs.JobState.Dead] = DeadDays,
        [Jobs.JobState.Cancelled] = CancelledDays,
    }.Where(pair => pair.Value > 0).ToDictionary(pair => pair.Key, pair => TimeSpan.FromDays(pair.Value));
}
