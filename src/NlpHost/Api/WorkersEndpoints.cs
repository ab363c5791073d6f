using NlpHost.Queue;
using NlpHost.Queue.Jobs;

namespace NlpHost.Api;

/// <summary><c>GET /v1/workers</c>: the worker hosts alive on this queue (reported within the last 30 s) and what each serves.</summary>
internal static class WorkersEndpoints
{
    public static void MapWorkers(this IEndpointRouteBuilder app) =>
        app.MapGet("/v1/workers", ListAsync).WithTags("jobs").WithName("ListWorkers").Produces<List<WorkerView>>();

    private static async Task<IResult> ListAsync(IJobStore store, CancellationToken cancellationToken)
    {
        var live = await store.ListLiveWorkersAsync(LiveWorker.LiveWindow, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(live.Select(w => new WorkerView(w.WorkerId, w.Version, w.Slots, w.Tasks, w.StartedAt, w.SeenAt)).ToList());
    }
}

/// <summary>A live worker host. <c>Tasks</c> null: it serves any task. <c>StartedAt</c> is on its own clock, <c>SeenAt</c> on the queue's.</summary>
internal sealed record WorkerView(string Id, string? Version, int? Slots, IReadOnlyList<string>? Tasks, DateTimeOffset? StartedAt, DateTimeOffset SeenAt);
