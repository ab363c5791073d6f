using System.Diagnostics;
using System.Text.Json;
using NlpHost.Abstractions.Evaluation;
using NlpHost.Abstractions.Plugins;
using NlpHost.Tasks.Translate.Configuration;

namespace NlpHost.Tasks.Translate.Evaluation;

/// <summary>
/// <c>nlphost eval translate --data &lt;source\ttarget tsv&gt;</c>: corpus BLEU and chrF (sacreBLEU defaults) over the
/// distinct sources, the targets of a repeated source serving as its references, and sources translated per second.
/// Options: the task's (<c>beamSize</c>, <c>source</c>, <c>target</c>, <c>maxLength</c>), <c>systems</c>
/// (<c>{"apertium": "outputs.tsv"}</c>: other systems' <c>source\toutput</c> lines, scored beside NlpHost) and
/// <c>nlphost: false</c> (score only those). Predictions are <c>{"source","output"}</c>, one per distinct source.
/// </summary>
internal sealed class TranslateEvaluator(IEnumerable<ITaskPlugin> tasks) : ITaskEvaluator
{
    private const int InFlight = 64;

    public string TaskName => "translate";

    public async Task<EvaluationReport> EvaluateAsync(EvaluationRequest request, TaskContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var items = ParallelData.Read(request.DataPath, request.Limit);
        var options = request.Options is { ValueKind: JsonValueKind.Object } json ? json : default;
        var metrics = new Dictionary<string, IReadOnlyDictionary<string, double>>(StringComparer.Ordinal);
        var predictions = new List<object>();
        if (!(options.ValueKind == JsonValueKind.Object && options.TryGetProperty("nlphost", out var run) && run.ValueKind == JsonValueKind.False))
        {
            var (outputs, seconds) = await TranslateAsync(items, TaskOptions(options), context, cancellationToken).ConfigureAwait(false);
            var scores = Score(items, outputs);
            scores["sentences"] = items.Count;
            scores["sentencesPerSecond"] = items.Count / Math.Max(seconds, 1e-9);
            metrics["nlphost"] = scores;
            predictions.AddRange(items.Select((item, i) => (object)new { source = item.Source, output = outputs[i] }));
        }

        if (options.ValueKind == JsonValueKind.Object && options.TryGetProperty("systems", out var systems) && systems.ValueKind == JsonValueKind.Object)
        {
            foreach (var system in systems.EnumerateObject())
            {
                var outputs = ParallelData.ReadOutputs(system.Value.GetString() ?? throw new TaskInputException($"options.systems.{system.Name}", "must be a file path"));
                var missing = items.Count(i => !outputs.ContainsKey(i.Source));
                if (missing > 0)
                {
                    throw new TaskInputException($"options.systems.{system.Name}", $"'{system.Value.GetString()}' has no output for {missing} of the {items.Count} sources");
                }

                metrics[system.Name] = Score(items, [.. items.Select(i => outputs[i.Source])]);
            }
        }

        return new EvaluationReport(metrics, predictions);
    }

    private static Dictionary<string, double> Score(IReadOnlyList<ParallelItem> items, IReadOnlyList<string> outputs) => new(StringComparer.Ordinal)
    {
        ["bleu"] = Bleu.Corpus(outputs, [.. items.Select(i => i.References)]),
        ["chrf"] = ChrF.Corpus(outputs, [.. items.Select(i => i.References)]),
    };

    private async Task<(string[] Outputs, double Seconds)> TranslateAsync(IReadOnlyList<ParallelItem> items, TranslateOptions options, TaskContext context, CancellationToken cancellationToken)
    {
        var task = tasks.OfType<TranslateTask>().Single();
        var settings = context.GetSettings<TranslateSettings>();
        var translator = task.Translator(settings.Resolve(options.Source, options.Target), settings, context);
        var request = TranslateTask.Request(settings, options);
        var outputs = new string[items.Count];
        var done = 0;
        using var gate = new SemaphoreSlim(InFlight);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(items.Select(async (item, i) =>
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                outputs[i] = (await translator.TranslateAsync(item.Source, request, context.Logger, null, cancellationToken).ConfigureAwait(false)).Translation;
                context.Progress.Report(new TaskProgress((double)Interlocked.Increment(ref done) / items.Count));
            }
            finally
            {
                gate.Release();
            }
        })).ConfigureAwait(false);
        return (outputs, clock.Elapsed.TotalSeconds);
    }

    private static TranslateOptions TaskOptions(JsonElement options)
    {
        if (options.ValueKind != JsonValueKind.Object)
        {
            return new TranslateOptions();
        }

        var result = new TranslateOptions
        {
            Source = options.TryGetProperty("source", out var s) ? s.GetString() ?? "en" : "en",
            Target = options.TryGetProperty("target", out var t) ? t.GetString() ?? "es" : "es",
            BeamSize = options.TryGetProperty("beamSize", out var b) ? b.GetInt32() : null,
            MaxLength = options.TryGetProperty("maxLength", out var m) ? m.GetInt32() : null,
            Protect = !options.TryGetProperty("protect", out var p) || p.ValueKind != JsonValueKind.False,
        };
        return result.BeamSize is < 1 or > 16 ? throw new TaskInputException("options.beamSize", "must be between 1 and 16") : result;
    }
}
