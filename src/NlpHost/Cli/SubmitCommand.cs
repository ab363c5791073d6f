using System.CommandLine;
using System.Text.Json;
using NlpHost.Abstractions.Plugins;
using NlpHost.PluginLoading.Execution;
using NlpHost.Queue.Jobs;

namespace NlpHost.Cli;

/// <summary><c>nlphost submit &lt;task&gt;</c>: queue one document, or one job per line of a JSONL file.</summary>
internal static class SubmitCommand
{
    public static Command Create(string[] overrides)
    {
        var task = new Argument<string>("task") { Description = "Task name." };
        var input = new Option<string?>("--input", "-i") { Description = "JSON file with one input document (or a request {input,options}), or - for standard input." };
        var batch = new Option<string?>("--batch") { Description = "JSONL file: one input document per line, one job each." };
        var options = new Option<string?>("--options") { Description = "Task options for every job: inline JSON, or @file." };
        var priority = new Option<int>("--priority") { Description = "Higher runs first." };
        var key = new Option<string?>("--idempotency-key") { Description = "Submitting the same key again returns the existing job (with --batch: key-<line>)." };
        var wait = new Option<bool>("--wait") { Description = "Wait for the (single) job to finish and print its result." };
        var command = new Command("submit", "Queue jobs for the background worker; prints their ids.") { task, input, batch, options, priority, key, wait };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async token =>
        {
            var requests = await ReadRequestsAsync(parse.GetValue(task)!, parse.GetValue(input), parse.GetValue(batch), parse.GetValue(options), parse.GetValue(priority), parse.GetValue(key), token).ConfigureAwait(false);
            var (host, store) = await QueueCommands.OpenAsync(overrides, token).ConfigureAwait(false);
            using (host)
            {
                requests = Validate(host.Services.GetRequiredService<TaskRunner>(), requests);
                var results = await store.EnqueueBatchAsync(requests, token).ConfigureAwait(false);
                foreach (var result in results)
                {
                    Console.WriteLine(JsonSerializer.Serialize(new { id = result.Job.Id, state = result.Job.State, created = result.Created }, CliJson.Compact));
                }

                if (!parse.GetValue(wait) || results.Count != 1)
                {
                    return ExitCodes.Ok;
                }

                while (true)
                {
                    var job = (await store.GetAsync(results[0].Job.Id, token).ConfigureAwait(false))!;
                    if (job.IsFinal)
                    {
                        return QueueCommands.Print(job, pretty: true);
                    }

                    await Task.Delay(TimeSpan.FromMilliseconds(250), token).ConfigureAwait(false);
                }
            }
        }, ct));
        return command;
    }

    // Refuse bad jobs here, with the line and field, rather than let a worker fail them later.
    // Jobs are stored under the task's canonical name (TaskNames), as the HTTP API stores them.
    private static List<JobRequest> Validate(TaskRunner runner, List<JobRequest> requests)
    {
        if (requests.Count == 0)
        {
            throw new UsageException("nothing to submit: the batch file has no lines");
        }

        var validated = new List<JobRequest>(requests.Count);
        for (var i = 0; i < requests.Count; i++)
        {
            try
            {
                validated.Add(requests[i] with { Task = runner.Validate(requests[i].Task, new TaskRequest(requests[i].Input, requests[i].Options)) });
            }
            catch (TaskInputException e) when (requests.Count > 1)
            {
                var reason = e.Message.StartsWith(e.Field + ": ", StringComparison.Ordinal) ? e.Message[(e.Field.Length + 2)..] : e.Message;
                throw new TaskInputException($"job {i + 1} of {requests.Count}, {e.Field}", reason, e);
            }
        }

        return validated;
    }

    private static async Task<List<JobRequest>> ReadRequestsAsync(string task, string? input, string? batch, string? optionsText, int priority, string? key, CancellationToken cancellationToken)
    {
        if ((input is null) == (batch is null))
        {
            throw new UsageException("give exactly one of --input or --batch");
        }

        var options = await RunCommand.ReadOptionsAsync(optionsText, cancellationToken).ConfigureAwait(false);
        if (input is not null)
        {
            var request = await RunCommand.ReadRequestAsync(input, optionsText, cancellationToken).ConfigureAwait(false);
            return [new JobRequest(task, request.Input, request.Options, priority, key)];
        }

        if (!File.Exists(batch))
        {
            throw new UsageException($"batch file '{batch}' not found");
        }

        var requests = new List<JobRequest>();
        var line = 0;
        await foreach (var text in File.ReadLinesAsync(batch, cancellationToken).ConfigureAwait(false))
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            try
            {
                using var json = JsonDocument.Parse(text);
                requests.Add(new JobRequest(task, json.RootElement.Clone(), options, priority, key is null ? null : $"{key}-{line}"));
            }
            catch (JsonException e)
            {
                throw new TaskInputException($"{batch} line {line}", "not valid JSON: " + e.Message, e);
            }
        }

        return requests;
    }
}
