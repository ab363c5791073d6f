using System.Diagnostics;
using System.Text.Json;
using NlpHost.Abstractions.Evaluation;
using NlpHost.Abstractions.Plugins;
using NlpHost.Tasks.QuestionAnswering.Runtime;

namespace NlpHost.Tasks.QuestionAnswering.Evaluation;

/// <summary>
/// <c>nlphost eval qa --data &lt;SQuAD json&gt;</c>: exact match and F1 (official SQuAD v1.1 definitions) on the
/// development articles (every 6th article, the split the span head was selected on), or on all with
/// <c>--options '{"articles":"all"}'</c>; <c>"concurrency"</c> sets the questions in flight (default 16; 1 measures
/// latency alone). Predictions are <c>{"id","answer"}</c>.
/// </summary>
internal sealed class QaEvaluator : ITaskEvaluator
{
    private const int DefaultConcurrency = 16;

    public string TaskName => "qa";

    public async Task<EvaluationReport> EvaluateAsync(EvaluationRequest request, TaskContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var all = SquadDataset.Read(request.DataPath);
        var titles = all.Select(q => q.Title).Distinct().ToList();
        JsonElement? Option(string name) =>
            request.Options is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty(name, out var value) ? value : null;
        var articles = Option("articles")?.GetString() ?? "development";
        var concurrency = Option("concurrency")?.GetInt32() ?? DefaultConcurrency;
        if (concurrency < 1)
        {
            throw new TaskInputException("options.concurrency", "must be at least 1");
        }

        var questions = articles switch
        {
            "development" => all.Where(q => titles.IndexOf(q.Title) % 6 == 5).ToList(),
            "all" => all,
            _ => throw new TaskInputException("options.articles", "must be 'development' or 'all'"),
        };
        questions = [.. questions.Take(request.Limit ?? int.MaxValue)];
        var read = new PassageReaders().Create(context);
        var options = new QaOptions();
        var answers = new string[questions.Count];
        var latencies = new double[questions.Count];
        var clock = Stopwatch.StartNew();
        using var gate = new SemaphoreSlim(concurrency);
        await Task.WhenAll(questions.Select(async (question, i) =>
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var started = Stopwatch.GetTimestamp();
                var spans = await read(question.Text, question.Context, options, cancellationToken).ConfigureAwait(false);
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                answers[i] = spans.Count == 0 ? "" : question.Context[spans[0].Start..spans[0].End];
            }
            finally
            {
                gate.Release();
            }
        })).ConfigureAwait(false);
        var seconds = clock.Elapsed.TotalSeconds;

        var metrics = new Dictionary<string, double>
        {
            ["exactMatch"] = 100 * questions.Select((q, i) => SquadMetrics.ExactMatch(answers[i], q.Answers)).DefaultIfEmpty().Average(),
            ["f1"] = 100 * questions.Select((q, i) => SquadMetrics.F1(answers[i], q.Answers)).DefaultIfEmpty().Average(),
            ["questions"] = questions.Count,
            ["questionsPerSecond"] = questions.Count / Math.Max(seconds, 1e-9),
            ["concurrency"] = concurrency,
            ["latencyP50Ms"] = Percentile(latencies, 0.50),
            ["latencyP95Ms"] = Percentile(latencies, 0.95),
        };
        return new EvaluationReport(
            new Dictionary<string, IReadOnlyDictionary<string, double>> { ["nlphost"] = metrics },
            [.. questions.Select((q, i) => (object)new { id = q.Id, answer = answers[i] })]);
    }

    private static double Percentile(double[] values, double fraction)
    {
        if (values.Length == 0)
        {
            return 0;
        }

        var sorted = values.Order().ToArray();
        return sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(fraction * sorted.Length) - 1)];
    }
}
