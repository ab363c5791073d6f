using System.CommandLine;
using System.Text.Json;
using NlpHost.Composition;
using NlpHost.PluginLoading;
using NlpHost.PluginLoading.Discovery;
using NlpHost.PluginLoading.Execution;

namespace NlpHost.Cli;

/// <summary><c>nlphost tasks</c>: the plugins found, their tasks, versions and heads, and why any failed to load.</summary>
internal static class TasksCommand
{
    public static Command Create(string[] overrides)
    {
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table." };
        var command = new Command("tasks", "List the plugins, their tasks, versions and heads, and plugin load errors.") { json };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(_ =>
        {
            using var host = HostFactory.Build(overrides);
            var catalog = host.Services.GetRequiredService<PluginCatalog>();
            var runner = host.Services.GetRequiredService<TaskRunner>();
            var rows = catalog.Plugins.Select(p => Describe(p, runner)).ToList();
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(rows, CliJson.Indented));
            }
            else
            {
                PrintTable(rows);
            }

            return Task.FromResult(ExitCodes.Ok);
        }, ct));
        return command;
    }

    private static PluginRow Describe(PluginRecord plugin, TaskRunner runner) => new(
        plugin.Name,
        plugin.State.ToString().ToLowerInvariant(),
        plugin.Error,
        plugin.Tasks.Select(t => new TaskRow(t.Name, t.Version, t.Description, runner.DescribeHeads(t), runner.Unavailable(t))).ToList());

    private static void PrintTable(List<PluginRow> rows)
    {
        Console.WriteLine($"{"TASK",-12} {"VERSION",-9} {"PLUGIN",-32} DESCRIPTION");
        foreach (var plugin in rows.Where(p => p.Tasks.Count > 0))
        {
            foreach (var task in plugin.Tasks)
            {
                Console.WriteLine($"{task.Name,-12} {task.Version,-9} {plugin.Plugin,-32} {task.Description}");
                if (task.Unavailable is { } reason)
                {
                    Console.WriteLine($"{"",-12} UNAVAILABLE: {reason}");
                }

                foreach (var head in task.Heads)
                {
                    var state = !head.Found ? head.Required ? "MISSING (required)" : "missing (optional)" : head.Problem is null ? "found" : "BROKEN";
                    Console.WriteLine($"{"",-12} head {head.Name}: {state} {head.Path}");
                }
            }
        }

        foreach (var plugin in rows.Where(p => p.Tasks.Count == 0))
        {
            Console.WriteLine($"{"-",-12} {"-",-9} {plugin.Plugin,-32} {plugin.State.ToUpperInvariant()}: {plugin.Error ?? "disabled by configuration"}");
        }
    }

    private sealed record PluginRow(string Plugin, string State, string? Error, IReadOnlyList<TaskRow> Tasks);

    private sealed record TaskRow(string Name, string Version, string Description, IReadOnlyList<HeadStatus> Heads, string? Unavailable);
}
