using System.Diagnostics;
using System.Text.Json;
using NlpHost.Abstractions.Evaluation;
using NlpHost.Abstractions.Plugins;
using NlpHost.Tasks.Summarization.Scoring;
using NlpHost.Tasks.Summarization.Text;

namespace NlpHost.Tasks.Summarization.Evaluation;

/// <summary>
/// <c>nlphost eval summarize --data &lt;csv&gt;</c>: mean ROUGE-1/2/L F1 (×100, rouge-score semantics) of NlpHost, LEAD
/// (the first sentences; LEAD-3 at the default length), TextRank and the greedy oracle, all at the same length
/// (<c>--options '{"sentences":3}'</c>, <c>words</c> or <c>ratio</c>) on the same sentences; predictions are
/// <c>{"index","summary"}</c> (0-based data row).
/// </summary>
internal sealed class SummarizationEvaluator : ITaskEvaluator
{
    private const int Concurrency = 8;

    public string TaskName => "summarize";

    public async Task<EvaluationReport> EvaluateAsync(EvaluationRequest request, TaskContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var items = SummaryDataset.Read(request.DataPath, request.Limit);
        if (items.Count == 0)
        {
            throw new TaskInputException("data", $"'{request.DataPath}' holds no documents");
        }

        var options = ReadOptions(request.Options);
        var summarizer = SummarizationTask.Create(context);
        var settings = SummarizerSettings.From(context.Settings);
        var systems = new[] { "nlphost", LeadName(options, settings), "textrank", "oracle" };
        var summaries = systems.ToDictionary(s => s, _ => new string[items.Count]);
        var words = 0L;
        var clock = Stopwatch.StartNew();
        using var gate = new SemaphoreSlim(Concurrency);
        await Task.WhenAll(items.Select(async item =>
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var output = await summarizer.SummarizeAsync(new SummarizeInput(item.Document), options, cancellationToken).ConfigureAwait(false);
                summaries["nlphost"][item.Index] = output.Summary;
                Interlocked.Add(ref words, Word.Count(item.Document));
            }
            finally
            {
                gate.Release();
            }
        })).ConfigureAwait(false);
        var seconds = clock.Elapsed.TotalSeconds;

        foreach (var item in items)
        {
            var (lead, textRank, oracle) = Baselines(item, options, settings);
            (summaries[systems[1]][item.Index], summaries["textrank"][item.Index], summaries["oracle"][item.Index]) = (lead, textRank, oracle);
        }

        var metrics = systems.ToDictionary(s => s, s => (IReadOnlyDictionary<string, double>)Row(items, summaries[s]));
        metrics["nlphost"] = new Dictionary<string, double>(metrics["nlphost"])
        {
            ["documentsPerSecond"] = items.Count / Math.Max(seconds, 1e-9),
            ["wordsPerSecond"] = words / Math.Max(seconds, 1e-9),
        };
        return new EvaluationReport(metrics, [.. items.Select(i => (object)new { index = i.Index, summary = summaries["nlphost"][i.Index] })]);
    }

    // The baselines see the same candidate sentences (headings excluded) and the same length budget as NlpHost.
    private static (string Lead, string TextRank, string Oracle) Baselines(SummaryDataset.Item item, SummarizeOptions options, SummarizerSettings settings)
    {
        var sentences = SentenceSegmenter.Split(item.Document);
        var body = sentences.Where(s => !s.IsHeading).ToList();
        var candidates = body.Count > 0 ? body : sentences;
        if (candidates.Count == 0)
        {
            return ("", "", "");
        }

        var texts = candidates.Select(c => c.Of(item.Document)).ToList();
        var words = texts.Select(t => Word.Count(t)).ToArray();
        var budget = LengthBudget.From(options, candidates.Count, settings.DefaultSentences);
        var none = candidates.Select(_ => new float[candidates.Count]).ToArray();
        var lead = MmrSelector.Select([.. texts.Select((_, i) => 1.0 / (1 + i))], none, words, budget, lambda: 1);
        var textRank = MmrSelector.Select(TextRank.Score(texts), none, words, budget, lambda: 1);
        var oracle = GreedyOracle.Select(texts, item.Summary, budget.Sentences, budget.Words);
        return (Join(texts, lead), Join(texts, textRank), Join(texts, oracle));
    }

    private static string Join(List<string> texts, IEnumerable<int> chosen) => string.Join(' ', chosen.Order().Select(i => texts[i]));

    private static Dictionary<string, double> Row(List<SummaryDataset.Item> items, string[] summaries)
    {
        var scores = items.Select(i => Rouge.Score(i.Summary, summaries[i.Index])).ToList();
        return new Dictionary<string, double>
        {
            ["rouge1"] = 100 * scores.Average(s => s.Rouge1),
            ["rouge2"] = 100 * scores.Average(s => s.Rouge2),
            ["rougeL"] = 100 * scores.Average(s => s.RougeL),
            ["summaryWords"] = summaries.Average(s => Word.Count(s)),
            ["documents"] = items.Count,
        };
    }

    private static string LeadName(SummarizeOptions options, SummarizerSettings settings) => options switch
    {
        { Sentences: { } k } => $"lead-{k}",
        { Words: null, Ratio: null } => $"lead-{settings.DefaultSentences}",
        _ => "lead",
    };

    private static SummarizeOptions ReadOptions(JsonElement? json)
    {
        try
        {
            var options = json is { ValueKind: JsonValueKind.Object } o ? o.Deserialize<SummarizeOptions>(TaskJson.Options) ?? new() : new SummarizeOptions();
            SummarizationTask.ValidateOptions(options);
            return options;
        }
        catch (JsonException e)
        {
            throw new TaskInputException("options", e.Message, e);
        }
    }
}
