using System.Data.Common;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NlpHost.Queue.Jobs;

namespace NlpHost.Queue.Internal.Execution;

/// <summary>
/// Writes finished jobs' results in batches (group commit): whatever completions wait when the previous write returns go
/// in one transaction. A job is succeeded, counted and logged only once its batch commits; until then it stays running
/// under its lease, so a host lost with results in memory loses no job: they are redelivered when their leases expire.
/// </summary>
internal sealed class CompletionWriter(IJobStore store, JobMetrics metrics, IOptions<WorkerOptions> options, ILogger<CompletionWriter> logger)
{
    private readonly int _batchSize = options.Value.CompletionBatchSize;

    // Bounded: when the database falls behind, slots wait here instead of piling results up in memory.
    private readonly Channel<Finished> _pending = Channel.CreateBounded<Finished>(
        new BoundedChannelOptions(options.Value.CompletionBatchSize * 4) { SingleReader = true });

    /// <summary>Hands a result over for the next batch; returns once it is queued for writing, not written.</summary>
    public ValueTask EnqueueAsync(JobCompletion completion, string task, TimeSpan elapsed) =>
        _pending.Writer.WriteAsync(new Finished(completion, task, elapsed), CancellationToken.None);

    /// <summary>Writes batches until <see cref="Complete"/> is called and every queued result is written.</summary>
    public async Task RunAsync()
    {
        var batch = new List<Finished>(_batchSize);
        while (await _pending.Reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
        {
            while (batch.Count < _batchSize && _pending.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            await WriteAsync(batch).ConfigureAwait(false);
            batch.Clear();
        }
    }

    /// <summary>No more results come (the worker's slots have stopped); <see cref="RunAsync"/> ends once the rest are written.</summary>
    public void Complete() => _pending.Writer.TryComplete();

    private async Task WriteAsync(List<Finished> batch)
    {
        IReadOnlyList<JobWriteResult> writes;
        try
        {
            writes = await store.CompleteBatchAsync([.. batch.Select(f => f.Completion)], CancellationToken.None).ConfigureAwait(false);
        }
        catch (DbException exception)
        {
            Log.CompletionsWriteFailed(logger, batch.Count, exception);
            return;
        }

        for (var i = 0; i < batch.Count; i++)
        {
            var (completion, task, elapsed) = batch[i];
            if (writes[i].Applied)
            {
                metrics.Succeeded(task, elapsed);
                Log.JobSucceeded(logger, completion.Id, task, elapsed.TotalMilliseconds);
            }
            else
            {
                Log.ResultDiscarded(logger, completion.Id, writes[i].Status);
            }
        }
    }

    private sealed record Finished(JobCompletion Completion, string Task, TimeSpan Elapsed);
}
