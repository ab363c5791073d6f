using Microsoft.Extensions.DependencyInjection;
using NlpHost.Queue.Jobs;
using NlpHost.Queue.Tests.Infrastructure;
using static NlpHost.Queue.Tests.Infrastructure.TestJobs;

namespace NlpHost.Queue.Tests.Worker;

public sealed class LeaseOwnerTests
{
    [Theory, SqliteBackend, PostgresBackend]
    public async Task A_running_jobs_lease_owner_gives_back_its_worker_id(string backend)
    {
        await using var db = await TestBackend.CreateAsync(backend);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var executor = FakeExecutor.UntilCancelled(started);
        using var host = WorkerHost.Build(db, executor, new() { ["Worker:WorkerId"] = "rack-2/host-a" });
        await host.StartAsync();
        var store = host.Services.GetRequiredService<IJobStore>();

        var id = (await store.EnqueueAsync(Request())).Job.Id;
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var running = await store.GetAsync(id);
        await store.CancelAsync(id);
        await host.StopAsync();

        Assert.NotEqual("rack-2/host-a", running!.LeaseOwner);
        Assert.Equal("rack-2/host-a", LeaseOwners.WorkerIdOf(running.LeaseOwner!));
    }

    [Theory]
    [InlineData("w", "w")]
    [InlineData("w/1a2b", "w/1a2b")]
    [InlineData("w/1a2b/7", "w")]
    [InlineData("eu/w/1a2b/7", "eu/w")]
    public void Worker_id_is_cut_from_the_right_and_a_foreign_owner_is_kept_whole(string owner, string workerId) =>
        Assert.Equal(workerId, LeaseOwners.WorkerIdOf(owner));

    [Fact]
    public void An_owner_written_for_a_worker_reads_back_as_that_worker() =>
        Assert.Equal("a/b", LeaseOwners.WorkerIdOf(LeaseOwners.For("a/b", "0f3c9e1d", 12)));
}
