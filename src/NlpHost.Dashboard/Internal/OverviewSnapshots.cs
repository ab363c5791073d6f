using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NlpHost.Abstractions.Backbone;
using NlpHost.PluginLoading;
using NlpHost.Queue;
using NlpHost.Queue.Administration;
using NlpHost.Queue.Jobs;

namespace NlpHost.Dashboard.Internal;

/// <summary>What the overview page shows, read at most once a second however many dashboards poll it.</summary>
internal sealed record Overview(
    DateTimeOffset GeneratedAt,
    IReadOnlyDictionary<JobState, long> Counts,
    IReadOnlyList<TaskBacklog> Backlog,
    IReadOnlyList<ThroughputBucket> Throughput,
    IReadOnlyList<HostView> Hosts,
    BackboneView Backbone,
    IReadOnlyList<BatchBucket> BatchSizes);

/// <summary>A worker: this host, one in the queue's worker registry, or one seen holding leases on running jobs.</summary>
internal sealed record HostView(string Id, bool ThisHost, int? Slots, long Running, IReadOnlyList<string>? Tasks);

/// <summary>Where the backbone runs, or why it did not load.</summary>
internal sealed record BackboneView(string? Model, string? ExecutionProvider, string? Error);

/// <summary>
/// Builds <see cref="Overview"/>s and keeps the last one for a second: the dashboard polls every two seconds, and many
/// open dashboards must not multiply the queries on the queue.
/// </summary>
internal sealed partial class OverviewSnapshots(
    IJobStore store,
    IJobAdministration admin,
    PluginCatalog catalog,
    IBackbone backbone,
    BatchSizeRecorder batches,
    IOptions<WorkerOptions> worker,
    TimeProvider time,
    ILogger<OverviewSnapshots> logger) : IDisposable
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan ThroughputWindow = TimeSpan.FromHours(1);
    public static readonly TimeSpan ThroughputBucket = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _refresh = new(1, 1);
    private Overview? _last;

    public async Task<Overview> GetAsync(bool runsWorker, CancellationToken cancellationToken)
    {
        if (Fresh(_last) is { } cached)
        {
            return cached;
        }

        await _refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return Fresh(_last) ?? (_last = await BuildAsync(runsWorker, cancellationToken).ConfigureAwait(false));
        }
        finally
        {
            _refresh.Release();
        }
    }

    public void Dispose() => _refresh.Dispose();

    private Overview? Fresh(Overview? overview) => overview is not null && time.GetUtcNow() - overview.GeneratedAt < MaxAge ? overview : null;

    private async Task<Overview> BuildAsync(bool runsWorker, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var counts = await store.CountByStateAsync(cancellationToken).ConfigureAwait(false);
        var backlog = await admin.BacklogAsync(cancellationToken).ConfigureAwait(false);
        var since = now - ThroughputWindow;
        // Buckets aligned to the clock so bars do not shift between polls.
        since = DateTimeOffset.FromUnixTimeMilliseconds(since.ToUnixTimeMilliseconds() / (long)ThroughputBucket.TotalMilliseconds * (long)ThroughputBucket.TotalMilliseconds);
        var throughput = await admin.ThroughputAsync(since, ThroughputBucket, cancellationToken).ConfigureAwait(false);
        var running = await admin.BrowseAsync(new JobQuery(JobState.Running, Limit: 1000), cancellationToken).ConfigureAwait(false);
        var live = await store.ListLiveWorkersAsync(LiveWorker.LiveWindow, cancellationToken).ConfigureAwait(false);
        return new Overview(now, counts, backlog, throughput, Hosts(running.Jobs, live, runsWorker), Backbone(), batches.Snapshot());
    }

    private List<HostView> Hosts(IReadOnlyList<Job> running, IReadOnlyList<LiveWorker> live, bool runsWorker)
    {
        // Jobs are leased per round (LeaseOwners); the host is the worker id inside the owner.
        var byOwner = running.Where(j => j.LeaseOwner is not null).GroupBy(j => LeaseOwners.WorkerIdOf(j.LeaseOwner!))
            .ToDictionary(g => g.Key, g => (long)g.Count(), StringComparer.Ordinal);
        var hosts = new List<HostView>();
        var self = worker.Value.WorkerId;
        if (runsWorker)
        {
            hosts.Add(new HostView(self, true, worker.Value.Concurrency, byOwner.GetValueOrDefault(self), [.. catalog.Tasks.Keys.Order(StringComparer.Ordinal)]));
        }

        // The registry says which tasks each live host serves (null: any); a lease owner missing from it still shows.
        var others = live.Where(w => !runsWorker || w.WorkerId != self)
            .Select(w => new HostView(w.WorkerId, false, null, byOwner.GetValueOrDefault(w.WorkerId), w.Tasks))
            .ToList();
        others.AddRange(byOwner.Where(o => (!runsWorker || o.Key != self) && others.TrueForAll(h => h.Id != o.Key))
            .Select(o => new HostView(o.Key, false, null, o.Value, null)));
        hosts.AddRange(others.OrderBy(h => h.Id, StringComparer.Ordinal));
        return hosts;
    }

    private BackboneView Backbone()
    {
        try
        {
            var info = backbone.Info;
            return new BackboneView(Path.GetFileName(info.ModelPath), info.ExecutionProvider, null);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogBackboneUnavailable(e.Message);
            return new BackboneView(null, null, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dashboard: the backbone is unavailable: {Reason}")]
    private partial void LogBackboneUnavailable(string reason);
}
