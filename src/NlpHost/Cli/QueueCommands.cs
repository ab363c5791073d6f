using System.CommandLine;
using System.Text.Json;
using NlpHost.Composition;
using NlpHost.Queue;
using NlpHost.Queue.Jobs;

namespace NlpHost.Cli;

/// <summary><c>submit</c>, <c>status</c>, <c>result</c>: the queue from the shell, through the configured database.</summary>
internal static class QueueCommands
{
    public static IEnumerable<Command> Create(string[] overrides)
    {
        yield return SubmitCommand.Create(overrides);
        yield return Status(overrides);
        yield return Result(overrides);
    }

    /// <summary>Opens the configured queue (creating its schema if needed) for one verb.</summary>
    internal static async Task<(IHost Host, IJobStore Store)> OpenAsync(string[] overrides, CancellationToken cancellationToken)
    {
        var host = HostFactory.Build(overrides, builder => builder.Services.AddQueue(builder.Configuration, withWorker: false));
        host.ValidateOptions();
        var store = host.Services.GetRequiredService<IJobStore>();
        await store.InitializeAsync(cancellationToken).ConfigureAwait(false);
        return (host, store);
    }

    private static Command Status(string[] overrides)
    {
        var id = new Argument<string?>("id") { Description = "Job id; without it, the number of jobs in each state and the oldest of each.", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("status", "Show a job (state, progress, attempts, error), or job counts by state with the oldest job of each.") { id };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async token =>
        {
            var (host, store) = await OpenAsync(overrides, token).ConfigureAwait(false);
            using (host)
            {
                if (parse.GetValue(id) is not { } jobId)
                {
                    var summary = await host.Services.GetRequiredService<IJobAdministration>().SummaryAsync(token).ConfigureAwait(false);
                    Console.WriteLine(JsonSerializer.Serialize(StatusView(summary), CliJson.Indented));
                    return ExitCodes.Ok;
                }

                var job = await store.GetAsync(jobId, token).ConfigureAwait(false) ?? throw new UsageException($"job '{jobId}' not found");
                Console.WriteLine(JsonSerializer.Serialize(Api.JobView.From(job), CliJson.Indented));
                return ExitCodes.Ok;
            }
        }, ct));
        return command;
    }

    // Counts by state as before, plus "oldest": per non-empty state the time retention and operators go by: when the
    // oldest finished job finished (finished states), when the oldest waiting or running job was created (the others).
    private static Dictionary<string, object> StatusView(IReadOnlyList<Queue.Administration.StateSummary> summary)
    {
        var view = summary.ToDictionary(s => s.State.ToString().ToLowerInvariant(), s => (object)s.Count);
        view["oldest"] = summary.Where(s => s.Count > 0).ToDictionary(
            s => s.State.ToString().ToLowerInvariant(), s => (s.OldestFinishedAt ?? s.OldestCreatedAt)?.ToString("O"));
        return view;
    }

    private static Command Result(string[] overrides)
    {
        var id = new Argument<string>("id") { Description = "Job id." };
        var pretty = new Option<bool>("--pretty") { Description = "Indent the JSON result." };
        var command = new Command("result", "Print a finished job's result; exit 1 if it failed, 75 if it has not finished.") { id, pretty };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async token =>
        {
            var (host, store) = await OpenAsync(overrides, token).ConfigureAwait(false);
            using (host)
            {
                var jobId = parse.GetValue(id)!;
                var job = await store.GetAsync(jobId, token).ConfigureAwait(false) ?? throw new UsageException($"job '{jobId}' not found");
                return Print(job, parse.GetValue(pretty));
            }
        }, ct));
        return command;
    }

    internal static int Print(Job job, bool pretty)
    {
        switch (job)
        {
            case { State: JobState.Succeeded, Result: { } result }:
                Console.WriteLine(JsonSerializer.Serialize(result, pretty ? CliJson.Indented : CliJson.Compact));
                return ExitCodes.Ok;
            case { IsFinal: true }:
                Console.Error.WriteLine($"nlphost: job {job.Id} {job.State.ToString().ToLowerInvariant()}: {job.Error}");
                return ExitCodes.Failed;
            default:
                Console.Error.WriteLine($"nlphost: job {job.Id} is {job.State.ToString().ToLowerInvariant()}; try again later");
                return ExitCodes.NotFinished;
        }
    }
}
