using System.Diagnostics;
using System.Text.Json;
using NlpHost.Abstractions.Evaluation;
using NlpHost.Abstractions.Plugins;
using NlpHost.Tasks.Summarize.Scoring;
using NlpHost.Tasks.Summarize.Text;

namespace NlpHost.Tasks.Summarize.Evaluation;

/// <summary>
/// <c>nlphost eval summarize --data &lt;csv|jsonl&gt;</c>: mean ROUGE-1/2/L F1 (×100, rouge-score semantics) of NlpHost,
/// LEAD (the first sentences), TextRank and the greedy oracle at the same length (<c>--options</c>: sentences, words,
/// ratio or style; the highlights style by default) on the same sentences, and, from the same analysis, NlpHost and
/// LEAD at three sentences and at one line. Predictions are <c>{"index","summary"}</c> (0-based data record).
/// </summary>
internal sealed class SummarizeEvaluator : ITaskEvaluator
{
    private const int Concurrency = 8;
    private static readonly SummarizeOptions ThreeSentences = new() { Sentences = 3 };
    private static readonly SummarizeOptions OneLine = new() { Style = LengthBudget.OneLine };

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
        var summarizer = SummarizeTask.Create(context);
        var settings = context.GetSettings<SummarizeSettings>();
        SummarizeOptions[] lengths = [options, ThreeSentences, OneLine];
        var mainLead = LeadName(options, settings);
        var (outputs, documents, seconds, words) = await SummarizeAllAsync(summarizer, items, lengths, cancellationToken).ConfigureAwait(false);

        var summaries = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var systems = new List<string> { "nlphost", mainLead, "textrank", "oracle" };
        if (mainLead != "lead-3")
        {
            systems.AddRange(["nlphost@3", "lead-3"]);
        }

        if (mainLead != "lead-1")
        {
            systems.AddRange(["nlphost@one-line", "lead-1"]);
        }
        foreach (var system in systems)
        {
            summaries[system] = new string[items.Count];
        }

        foreach (var item in items)
        {
            var nlphost = outputs[item.Document];
            summaries["nlphost"][item.Index] = nlphost[0];
            var (lead, textRank, oracle) = Baselines(item, options, settings);
            (summaries[mainLead][item.Index], summaries["textrank"][item.Index], summaries["oracle"][item.Index]) = (lead, textRank, oracle);
            if (mainLead != "lead-1")
            {
                (summaries["nlphost@one-line"][item.Index], summaries["lead-1"][item.Index]) = (nlphost[2], Baselines(item, OneLine, settings).Lead);
            }

            if (mainLead != "lead-3")
            {
                (summaries["nlphost@3"][item.Index], summaries["lead-3"][item.Index]) = (nlphost[1], Baselines(item, ThreeSentences, settings).Lead);
            }
        }

        var metrics = systems.ToDictionary(s => s, s => (IReadOnlyDictionary<string, double>)Row(items, summaries[s]));
        metrics["nlphost"] = new Dictionary<string, double>(metrics["nlphost"])
        {
            ["documentsPerSecond"] = documents / Math.Max(seconds, 1e-9),
            ["wordsPerSecond"] = words / Math.Max(seconds, 1e-9),
        };
        return new EvaluationReport(metrics, [.. items.Select(i => (object)new { index = i.Index, summary = summaries["nlphost"][i.Index] })]);
    }

    // Each distinct document once (AESLC, DialogSum and SciTLDR repeat documents with other references), all lengths from one analysis.
    private static async Task<(Dictionary<string, string[]> Outputs, int Documents, double Seconds, long Words)> SummarizeAllAsync(
        Summarizer summarizer, List<SummaryDataset.Item> items, SummarizeOptions[] lengths, CancellationToken cancellationToken)
    {
        var documents = items.Select(i => i.Document).Distinct(StringComparer.Ordinal).ToList();
        var outputs = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var words = 0L;
        var clock = Stopwatch.StartNew();
        using var gate = new SemaphoreSlim(Concurrency);
        await Task.WhenAll(documents.Select(async document =>
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var output = await summarizer.SummarizeAsync(new SummarizeInput(document), lengths, cancellationToken).ConfigureAwait(false);
                lock (outputs)
                {
                    outputs[document] = [.. output.Select(o => o.Summary)];
                }

                Interlocked.Add(ref words, Word.Count(document));
            }
            finally
            {
                gate.Release();
            }
        })).ConfigureAwait(false);
        return (outputs, documents.Count, clock.Elapsed.TotalSeconds, words);
    }

    // The baselines see the same candidate sentences (headings excluded) and the same length budget as NlpHost.
    private static (string Lead, string TextRank, string Oracle) Baselines(SummaryDataset.Item item, SummarizeOptions options, SummarizeSettings settings)
    {
        var sentences = SentenceSegmenter.Split(item.Document);
        var body = sentences.Where(s => !s.IsHeading).ToList();
        var candidates = Summarizer.Cap(body.Count > 0 ? body : sentences, settings.MaxSentences);
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

    private static string LeadName(SummarizeOptions options, SummarizeSettings settings) => options switch
    {
        { Sentences: { } k } => $"lead-{k}",
        { Style: LengthBudget.OneLine } => "lead-1",
        { Words: null, Ratio: null, Style: null } when settings.DefaultSentences is { } k => $"lead-{k}",
        _ => "lead",
    };

    private static SummarizeOptions ReadOptions(JsonElement? json)
    {
        try
        {
            var options = json is { ValueKind: JsonValueKind.Object } o ? o.Deserialize<SummarizeOptions>(TaskJson.Options) ?? new() : new SummarizeOptions();
            SummarizeTask.ValidateOptions(options);
            return options;
        }
        catch (JsonException e)
        {
            throw new TaskInputException("options", e.Message, e);
        }
    }
}
