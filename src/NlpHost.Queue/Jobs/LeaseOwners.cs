namespace NlpHost.Queue.Jobs;

/// <summary>
/// The lease owner a worker writes on the jobs it leases: <c>{WorkerId}/{instance}/{round}</c>. The instance tells a
/// restarted process from its predecessor and the round tells one lease batch from the next, so a stale completion
/// cannot land; readers that want the host (the dashboard's per-host counts) take the worker id back out.
/// </summary>
public static class LeaseOwners
{
    /// <summary>The owner of one lease round of a worker process.</summary>
    public static string For(string workerId, string instance, long round) => $"{workerId}/{instance}/{round}";

    /// <summary>
    /// The worker id in a lease owner (cut from the right, so a worker id may itself hold '/'); an owner not written
    /// by <see cref="For"/> is returned whole.
    /// </summary>
    public static string WorkerIdOf(string leaseOwner)
    {
        ArgumentNullException.ThrowIfNull(leaseOwner);
        var round = leaseOwner.LastIndexOf('/');
        var instance = round > 0 ? leaseOwner.LastIndexOf('/', round - 1) : -1;
        return instance > 0 ? leaseOwner[..instance] : leaseOwner;
    }
}
