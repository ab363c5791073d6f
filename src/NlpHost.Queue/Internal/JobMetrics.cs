using System.Diagnostics.Metrics;
using NlpHost.Queue.Internal.Execution;
using NlpHost.Queue.Jobs;

namespace NlpHost.Queue.Internal;

/// <summary>Instruments of the <c>NlpHost.Queue</c> meter.</summary>
internal sealed class JobMetrics
{
    public const string MeterName = "NlpHost.Queue";
    private readonly Counter<long> _completed;
    private readonly Counter<long> _failed;
    private readonly Histogram<double> _duration;
    private volatile IReadOnlyDictionary<JobState, long> _depth = new Dictionary<JobState, long>();
    private volatile IReadOnlyDictionary<string, long> _unserved = new Dictionary<string, long>();
    private volatile IReadOnlyList<LiveWorker> _workers = [];
    private volatile HeldJobs? _held;

    public JobMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _completed = meter.CreateCounter<long>("nlphost.queue.jobs.completed", "{job}", "Jobs that succeeded, by task.");
        _failed = meter.CreateCounter<long>("nlphost.queue.jobs.failed", "{job}", "Jobs that failed or went dead, by task and state.");
        _duration = meter.CreateHistogram<double>("nlphost.queue.job.duration", "s", "Time from lease to outcome of one delivery, by task and outcome.");
        meter.CreateObservableGauge("nlphost.queue.depth", ObserveDepth, "{job}", "Jobs in the queue by state, sampled by the worker.");
        meter.CreateObservableGauge("nlphost.queue.unserved", ObserveUnserved, "{job}",
            "Queued jobs whose task no live worker serves, by task (0 when all are served), sampled by the worker.");
        meter.CreateObservableGauge("nlphost.queue.workers", ObserveWorkers, "{slot}",
            "Live worker hosts (reported within 30 s): their slots, by worker id and the tasks it serves ('*': any), sampled by the worker.");
        meter.CreateObservableGauge("nlphost.queue.worker.held", ObserveHeld, "{job}",
            "Jobs this host's worker holds, by state: running in a slot, or waiting for one (leased ahead, Worker:PrefetchCount).");
    }

    public void Succeeded(string task, TimeSpan elapsed)
    {
        _completed.Add(1, new KeyValuePair<string, object?>("task", task));
        RecordDuration(task, "succeeded", elapsed);
    }

    public void Failed(string task, JobState state, TimeSpan elapsed)
    {
        var stateName = state == JobState.Dead ? "dead" : "failed";
        _failed.Add(1, new KeyValuePair<string, object?>("task", task), new KeyValuePair<string, object?>("state", stateName));
        RecordDuration(task, stateName, elapsed);
    }

    public void RecordDuration(string task, string outcome, TimeSpan elapsed) =>
        _duration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("task", task), new KeyValuePair<string, object?>("outcome", outcome));

    public void RecordDepth(IReadOnlyDictionary<JobState, long> counts) => _depth = counts;

    public void RecordUnserved(IReadOnlyDictionary<string, long> byTask) => _unserved = byTask;

    public void RecordWorkers(IReadOnlyList<LiveWorker> live) => _workers = live;

    /// <summary>The running worker's held jobs, read whenever the gauge is collected.</summary>
    public void ObserveHeld(HeldJobs held) => _held = held;

    private IEnumerable<Measurement<long>> ObserveHeld() => _held is not { } held
        ? []
        : [new Measurement<long>(held.Running, new KeyValuePair<string, object?>("state", "running")), new Measurement<long>(held.Waiting, new KeyValuePair<string, object?>("state", "waiting"))];

    private IEnumerable<Measurement<long>> ObserveWorkers() => _workers.Select(w => new Measurement<long>(
        w.Slots ?? 0,
        new KeyValuePair<string, object?>("worker", w.WorkerId),
        new KeyValuePair<string, object?>("tasks", w.Tasks is null ? "*" : string.Join(',', w.Tasks))));

    private IEnumerable<Measurement<long>> ObserveUnserved() => _unserved.Count == 0
        ? [new Measurement<long>(0)]
        : _unserved.Select(pair => new Measurement<long>(pair.Value, new KeyValuePair<string, object?>("task", pair.Key)));

    private IEnumerable<Measurement<long>> ObserveDepth() =>
        _depth.Select(pair => new Measurement<long>(pair.Value, new KeyValuePair<string, object?>("state", Storage.JobRow.StateName(pair.Key))));
}
