using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using NlpHost.Abstractions.Evaluation;
using NlpHost.Composition;
using NlpHost.PluginLoading.Execution;

namespace NlpHost.Cli;

/// <summary><c>nlphost eval &lt;task&gt; --data &lt;file&gt;</c>: metrics table on standard output, predictions to a file.</summary>
internal static class EvalCommand
{
    public static Command Create(string[] overrides)
    {
        var task = new Argument<string>("task") { Description = "Task to evaluate." };
        var data = new Option<string>("--data") { Description = "Data set in its own format (see the task's README); several, comma-separated, where the task reports per file.", Required = true };
        var limit = new Option<int?>("--limit") { Description = "Use only the first N items." };
        var output = new Option<string?>("--out") { Description = "Write {task,data,metrics,predictions} JSON here." };
        var options = new Option<string?>("--options") { Description = "Task options as inline JSON, or @file." };
        var command = new Command("eval", "Evaluate a task on a labelled data set and print its metrics.") { task, data, limit, output, options };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async token =>
        {
            // Several files may be given, comma-separated, for tasks that report per file (qa).
            var dataPath = parse.GetValue(data)!;
            var dataFiles = dataPath.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (dataFiles.FirstOrDefault(f => !File.Exists(f)) is { } missing)
            {
                throw new UsageException($"data file '{missing}' not found");
            }

            var optionsJson = await RunCommand.ReadOptionsAsync(parse.GetValue(options), token).ConfigureAwait(false);
            using var host = HostFactory.Build(overrides);
            host.ValidateOptions();
            var name = parse.GetValue(task)!;
            var report = await host.Services.GetRequiredService<TaskRunner>()
                .EvaluateAsync(name, new EvaluationRequest(string.Join(',', dataFiles.Select(Path.GetFullPath)), parse.GetValue(limit), optionsJson), null, token)
                .ConfigureAwait(false);
            PrintTable(report);
            if (parse.GetValue(output) is { } outPath)
            {
                var document = new { task = name, data = dataPath, metrics = report.Metrics, predictions = report.Predictions };
                await File.WriteAllTextAsync(outPath, JsonSerializer.Serialize(document, CliJson.Indented), token).ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static void PrintTable(EvaluationReport report)
    {
        var metrics = report.Metrics.Values.SelectMany(m => m.Keys).Distinct().ToList();
        Console.WriteLine($"{"system",-16}" + string.Concat(metrics.Select(m => $" {m,12}")));
        foreach (var (system, values) in report.Metrics)
        {
            Console.WriteLine($"{system,-16}" + string.Concat(metrics.Select(m =>
                $" {(values.TryGetValue(m, out var v) ? v.ToString("0.####", CultureInfo.InvariantCulture) : "-"),12}")));
        }
    }
}
