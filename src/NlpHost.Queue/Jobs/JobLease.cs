using NlpHost.Abstractions.Plugins;

namespace NlpHost.Queue.Jobs;

/// <summary>A job as leased by one owner: what a batched renewal or release names.</summary>
/// <param name="Id">Job id.</param>
/// <param name="Owner">The lease owner that holds it.</param>
public sealed record JobLease(string Id, string Owner);

/// <summary>One job's part of a batched heartbeat: its lease to renew and the progress to store with it, if any.</summary>
/// <param name="Lease">The lease to renew.</param>
/// <param name="Progress">The latest progress since the last beat; <see langword="null"/> leaves the stored progress as it is.</param>
public sealed record JobHeartbeat(JobLease Lease, TaskProgress? Progress = null);
