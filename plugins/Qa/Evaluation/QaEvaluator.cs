using System.Diagnostics;
using System.Text.Json;
using NlpHost.Abstractions.Evaluation;
using NlpHost.Abstractions.Plugins;
using NlpHost.Tasks.Qa.Runtime;

namespace NlpHost.Tasks.Qa.Evaluation;

/// <summary>
/// <c>nlphost eval qa --data &lt;SQuAD json&gt;[,&lt;SQuAD json&gt;…]</c>: exact match and F1 (official SQuAD v1.1
/// definitions) on <em>every</em> question of the file(s), one row per file when several are given and one for all.
/// Options: <c>"articles": "development"</c> keeps only every 6th article (the split the first span head was
/// selected on), <c>"articles": "selection"</c> only the articles the branch head was selected and calibrated on
/// (<see cref="SelectionArticles"/>), <c>"articles": "report"</c> all but those; <c>"concurrency"</c> sets the
/// questions in flight (default 16; 1 measures latency alone); <c>"noAnswerThreshold"</c> overrides the head's default;
/// <c>"every": n</c> keeps every n-th question of each file (a sample spread over all its articles, unlike --limit).
/// Questions without gold answers (unanswerable pairs) count toward <c>noAnswerRate</c> only; answerable ones give
/// <c>keptRate</c>, the share that keeps an answer at the threshold (EM/F1 always score the best span). Predictions
/// are <c>{"id","answer","score","noAnswer"}</c>.
/// </summary>
internal sealed class QaEvaluator : ITaskEvaluator
{
    /// <summary>Development articles (0-based, of squad-v1.1-dev-part-a.json) used to pick checkpoints and calibrate no-answer.</summary>
    public static readonly IReadOnlySet<int> SelectionArticles = new HashSet<int> { 2, 12, 24 };

    private const int DefaultConcurrency = 16;

    public string TaskName => "qa";

    public async Task<EvaluationReport> EvaluateAsync(EvaluationRequest request, TaskContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        JsonElement? Option(string name) =>
            request.Options is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty(name, out var value) ? value : null;
        var articles = Option("articles")?.GetString() ?? "all";
        var concurrency = Option("concurrency")?.GetInt32() ?? DefaultConcurrency;
        if (concurrency < 1)
        {
            throw new TaskInputException("options.concurrency", "must be at least 1");
        }

        var every = Option("every")?.GetInt32() ?? 1;
        if (every < 1)
        {
            throw new TaskInputException("options.every", "must be at least 1");
        }

        var files = request.DataPath.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var questions = new List<(string Source, SquadDataset.Question Question)>();
        foreach (var file in files)
        {
            var all = SquadDataset.Read(file);
            var titles = all.Select(q => q.Title).Distinct().ToList();
            var source = Path.GetFileNameWithoutExtension(file);
            questions.AddRange(Split(all, titles, articles).Where((_, i) => i % every == 0).Select(q => (source, q)));
        }

        questions = [.. questions.Take(request.Limit ?? int.MaxValue)];
        var route = new PassageReaders().Create(context);
        var threshold = Option("noAnswerThreshold")?.GetDouble() ?? route.DefaultNoAnswerThreshold;
        var options = new QaOptions();
        var answers = new string[questions.Count];
        var scores = new double[questions.Count];
        var latencies = new double[questions.Count];
        var clock = Stopwatch.StartNew();
        using var gate = new SemaphoreSlim(concurrency);
        await Task.WhenAll(questions.Select(async (item, i) =>
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var started = Stopwatch.GetTimestamp();
                var spans = await route.Read(item.Question.Text, item.Question.Context, options, cancellationToken).ConfigureAwait(false);
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                answers[i] = spans.Count == 0 ? "" : item.Question.Context[spans[0].Start..spans[0].End];
                scores[i] = spans.Count == 0 ? 0 : spans[0].Score;
            }
            finally
            {
                gate.Release();
            }
        })).ConfigureAwait(false);
        var seconds = clock.Elapsed.TotalSeconds;

        Dictionary<string, double> Metrics(IReadOnlyList<int> rows)
        {
            var answerable = rows.Where(i => questions[i].Question.Answers.Count > 0).ToList();
            var unanswerable = rows.Where(i => questions[i].Question.Answers.Count == 0).ToList();
            var metrics = new Dictionary<string, double> { ["questions"] = rows.Count };
            if (answerable.Count > 0)
            {
                metrics["exactMatch"] = 100 * answerable.Select(i => SquadMetrics.ExactMatch(answers[i], questions[i].Question.Answers)).Average();
                metrics["f1"] = 100 * answerable.Select(i => SquadMetrics.F1(answers[i], questions[i].Question.Answers)).Average();
                metrics["keptRate"] = 100 * answerable.Select(i => scores[i] >= threshold && answers[i].Length > 0 ? 1.0 : 0).Average();
            }

            if (unanswerable.Count > 0)
            {
                metrics["unanswerable"] = unanswerable.Count;
                metrics["noAnswerRate"] = 100 * unanswerable.Select(i => scores[i] < threshold || answers[i].Length == 0 ? 1.0 : 0).Average();
            }

            return metrics;
        }

        var indices = Enumerable.Range(0, questions.Count).ToList();
        var total = Metrics(indices);
        total["threshold"] = threshold;
        total["questionsPerSecond"] = questions.Count / Math.Max(seconds, 1e-9);
        total["concurrency"] = concurrency;
        total["latencyP50Ms"] = Percentile(latencies, 0.50);
        total["latencyP95Ms"] = Percentile(latencies, 0.95);
        var report = new Dictionary<string, IReadOnlyDictionary<string, double>> { [$"nlphost:{route.Name}"] = total };
        var sources = questions.Select(q => q.Source).Distinct().ToList();
        if (sources.Count > 1)
        {
            foreach (var source in sources)
            {
                report[source] = Metrics([.. indices.Where(i => questions[i].Source == source)]);
            }
        }

        return new EvaluationReport(report, [.. questions.Select((q, i) => (object)new
        {
            id = q.Question.Id, source = q.Source, answer = answers[i], score = scores[i], noAnswer = scores[i] < threshold || answers[i].Length == 0,
        })]);
    }

    private static IEnumerable<SquadDataset.Question> Split(List<SquadDataset.Question> all, List<string> titles, string articles) => articles switch
    {
        "all" => all,
        "development" => all.Where(q => titles.IndexOf(q.Title) % 6 == 5),
        "selection" => all.Where(q => SelectionArticles.Contains(titles.IndexOf(q.Title))),
        "report" => all.Where(q => !SelectionArticles.Contains(titles.IndexOf(q.Title))),
        _ => throw new TaskInputException("options.articles", "must be 'all' (the default), 'development', 'selection' or 'report'"),
    };

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
