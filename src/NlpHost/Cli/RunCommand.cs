using System.CommandLine;
using System.Text.Json;
using NlpHost.Abstractions.Plugins;
using NlpHost.Composition;
using NlpHost.PluginLoading.Execution;

namespace NlpHost.Cli;

/// <summary><c>nlphost run &lt;task&gt; --input &lt;file|-&gt;</c>: one document, in-process, JSON out.</summary>
internal static class RunCommand
{
    public static Command Create(string[] overrides)
    {
        var task = new Argument<string>("task") { Description = "Task name, e.g. cluster, qa, summarize (see 'nlphost tasks')." };
        var input = new Option<string>("--input", "-i")
        {
            Description = "JSON file with the input document, or - for standard input. " +
                "It may also be a request {\"input\":{...},\"options\":{...}}.",
            Required = true,
        };
        var options = new Option<string?>("--options") { Description = "Task options as inline JSON, or @file." };
        var pretty = new Option<bool>("--pretty") { Description = "Indent the JSON result for reading." };
        var command = new Command("run", "Run one document through a task and print the result as JSON.") { task, input, options, pretty };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async token =>
        {
            var request = await ReadRequestAsync(parse.GetValue(input)!, parse.GetValue(options), token).ConfigureAwait(false);
            using var host = HostFactory.Build(overrides);
            host.ValidateOptions();
            var result = await host.Services.GetRequiredService<TaskRunner>()
                .RunAsync(parse.GetValue(task)!, request, progress: null, token).ConfigureAwait(false);
            Console.WriteLine(JsonSerializer.Serialize(result, parse.GetValue(pretty) ? CliJson.Indented : CliJson.Compact));
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    internal static async Task<TaskRequest> ReadRequestAsync(string inputSource, string? optionsText, CancellationToken cancellationToken)
    {
        var document = await CliJson.ReadAsync(inputSource, cancellationToken).ConfigureAwait(false);
        JsonElement? options = null;
        if (document.ValueKind == JsonValueKind.Object && document.TryGetProperty("input", out var inner))
        {
            options = document.TryGetProperty("options", out var o) ? o : null;
            document = inner;
        }

        return new TaskRequest(document, await ReadOptionsAsync(optionsText, cancellationToken).ConfigureAwait(false) ?? options);
    }

    /// <summary>Reads <c>--options</c>: inline JSON, or <c>@file</c>.</summary>
    internal static async Task<JsonElement?> ReadOptionsAsync(string? optionsText, CancellationToken cancellationToken) =>
        optionsText switch
        {
            null => null,
            ['@', .. var path] => await CliJson.ReadAsync(path, cancellationToken).ConfigureAwait(false),
            _ => ParseOptions(optionsText),
        };

    private static JsonElement ParseOptions(string text)
    {
        try
        {
            using var json = JsonDocument.Parse(text);
            return json.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new TaskInputException("options", $"--options is not valid JSON: {e.Message}", e);
        }
    }
}
