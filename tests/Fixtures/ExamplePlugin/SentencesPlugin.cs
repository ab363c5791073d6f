using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NlpHost.Abstractions.Evaluation;
using NlpHost.Abstractions.Plugins;
using NlpHost.Tasks.Sdk.Data;
using NlpHost.Tasks.Sdk.Text;

[assembly: NlpHostPlugin(typeof(ExamplePlugin.Registration))]

namespace ExamplePlugin;

/// <summary>Registers the task and its evaluator; the host calls it once at start.</summary>
public sealed class Registration : IPluginRegistration
{
    public void Register(IServiceCollection services, IConfiguration configuration) =>
        services.AddTaskPlugin<SentencesTask>().AddTaskEvaluator<SentencesEvaluator>();
}

public sealed record SentencesInput(string Text);

/// <summary>Per-job options; the defaults apply when a job gives none.</summary>
public sealed record SentencesOptions
{
    public bool LineByLine { get; init; }
}

public sealed record SentencesOutput(IReadOnlyList<string> Sentences, int Skipped);

/// <summary><c>Plugins:sentences</c>: bound and validated by the host, each default stated once.</summary>
public sealed class SentencesSettings
{
    /// <summary>Sentences with fewer words are left out of the result.</summary>
    [Range(1, 100)]
    public int MinWords { get; set; } = 1;
}

/// <summary>Splits a text into sentences with the SDK's segmenter, leaving out those shorter than a setting.</summary>
public sealed class SentencesTask : TaskPlugin<SentencesInput, SentencesOptions, SentencesOutput>
{
    public override TaskDescriptor Descriptor { get; } = Describe("sentences", "1.0.0", "Splits a text into sentences")
        with { SettingsType = typeof(SentencesSettings) };

    protected override void Validate(SentencesInput input, SentencesOptions options)
    {
        if (string.IsNullOrWhiteSpace(input.Text))
        {
            throw new TaskInputException("input.text", "is required and must not be blank");
        }
    }

    protected override Task<SentencesOutput> ExecuteAsync(SentencesInput input, SentencesOptions options, TaskContext context, CancellationToken cancellationToken) =>
        Task.FromResult(Split(input.Text, options, context.GetSettings<SentencesSettings>()));

    internal static SentencesOutput Split(string text, SentencesOptions options, SentencesSettings settings)
    {
        var all = SentenceSegmenter.Split(text, options.LineByLine ? SegmenterOptions.Lines : SegmenterOptions.Prose)
            .Select(s => s.Of(text)).ToList();
        var kept = all.Where(s => Word.Count(s) >= settings.MinWords).ToList();
        return new SentencesOutput(kept, all.Count - kept.Count);
    }
}

/// <summary><c>nlphost eval sentences --data x.jsonl</c>: lines of <c>{"text", "sentences"}</c>; the share split exactly right.</summary>
public sealed class SentencesEvaluator : ITaskEvaluator
{
    public string TaskName => "sentences";

    public Task<EvaluationReport> EvaluateAsync(EvaluationRequest request, TaskContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var settings = context.GetSettings<SentencesSettings>();
        using var reader = File.OpenText(request.DataPath);
        var name = Path.GetFileName(request.DataPath);
        var (documents, exact) = (0, 0);
        foreach (var (line, record) in JsonLines.Read(reader, name, request.Limit))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!record.TryGetProperty("text", out var text) || !record.TryGetProperty("sentences", out var expected))
            {
                throw JsonLines.Bad(name, line, "needs a 'text' and a 'sentences' field");
            }

            var found = SentencesTask.Split(text.GetString() ?? "", new SentencesOptions(), settings).Sentences;
            documents++;
            exact += found.SequenceEqual(expected.EnumerateArray().Select(e => e.GetString())) ? 1 : 0;
        }

        var metrics = new Dictionary<string, double> { ["documents"] = documents, ["exact"] = documents == 0 ? 0 : (double)exact / documents };
        return Task.FromResult(new EvaluationReport(new Dictionary<string, IReadOnlyDictionary<string, double>> { ["segmenter"] = metrics }, []));
    }
}
