using System.Data.Common;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace NlpHost.Queue.Internal;

/// <summary>
/// Every <see cref="RetentionOptions.IntervalMinutes"/>, deletes finished jobs older than their state's age. Runs on every
/// worker host; the store lets one pass run at a time across hosts (an advisory lock on PostgreSQL).
/// </summary>
internal sealed class RetentionService(
    IJobAdministration administration, IOptions<RetentionOptions> options, TimeProvider time, ILogger<RetentionService> logger) : BackgroundService
{
    private readonly RetentionOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var ages = _options.Ages();
        if (ages.Count == 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(_options.IntervalMinutes), time);
        try
        {
            do
            {
                await PassAsync(ages, stoppingToken).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host stopping; a pass cut short resumes at the next start.
        }
    }

    private async Task PassAsync(IReadOnlyDictionary<Jobs.JobState, TimeSpan> ages, CancellationToken stoppingToken)
    {
        try
        {
            var purged = await administration.PurgeFinishedAsync(ages, _options.BatchSize, stoppingToken).ConfigureAwait(false);
            var now = time.GetUtcNow();
            foreach (var (state, count) in purged.Where(p => p.Value > 0))
            {
                Log.RetentionDeleted(logger, count, Storage.JobRow.StateName(state), now - ages[state]);
            }
        }
        catch (DbException exception)
        {
            Log.RetentionFailed(logger, exception);
        }
    }
}
