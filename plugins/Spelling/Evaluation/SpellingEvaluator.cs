using System.Diagnostics;
using System.Text.Json;
using NlpHost.Abstractions.Evaluation;
using NlpHost.Abstractions.Plugins;
using NlpHost.Tasks.Spelling.Correction;

namespace NlpHost.Tasks.Spelling.Evaluation;

/// <summary>
/// <c>nlphost eval spellcheck --data &lt;list&gt;</c>: each misspelling is corrected on its own, as a one-word text,
/// by the task's corrector (one thread). accuracy@1: the corrected text is the intended word; accuracy@5: it is
/// among the correction and its first four alternatives. Case is ignored, as in the hunspell/aspell baselines
/// (<c>bench/spelling-baselines.sh</c>). Predictions are <c>{"input","expected","output","suggestions"}</c>.
/// </summary>
internal sealed class SpellingEvaluator(SpellingModelCache models) : ITaskEvaluator
{
    public string TaskName => "spellcheck";

    public Task<EvaluationReport> EvaluateAsync(EvaluationRequest request, TaskContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var items = MisspellingSet.Read(request.DataPath).Take(request.Limit ?? int.MaxValue).ToList();
        var options = new SpellcheckOptions { Alternatives = 4, MaxEditDistance = MaxEditDistance(request.Options) };
        var corrector = new SpellcheckTask(models).CreateCorrector(context);

        // Load the lexicon and compile the hot paths before the clock starts: words/s is the steady rate.
        if (items.Count > 0)
        {
            Suggest(corrector, items[0].Wrong, options);
        }

        var clock = Stopwatch.StartNew();
        var suggestions = new List<string>[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            suggestions[i] = Suggest(corrector, items[i].Wrong, options);
        }

        var seconds = clock.Elapsed.TotalSeconds;
        var metrics = new Dictionary<string, double>
        {
            ["accuracy@1"] = Percent(items, suggestions, 1),
            ["accuracy@5"] = Percent(items, suggestions, 5),
            ["words"] = items.Count,
            ["wordsPerSecond"] = Math.Round(items.Count / Math.Max(seconds, 1e-9), 1),
        };
        var predictions = items.Select((item, i) => (object)new { input = item.Wrong, expected = item.Right, output = suggestions[i][0], suggestions = suggestions[i] }).ToList();
        return Task.FromResult(new EvaluationReport(new Dictionary<string, IReadOnlyDictionary<string, double>> { ["nlphost"] = metrics }, predictions));
    }

    /// <summary>The corrected text, then the text with each alternative of a whole-word correction.</summary>
    public static List<string> Suggest(Corrector corrector, string wrong, SpellcheckOptions options)
    {
        var output = corrector.Correct(wrong, options);
        var list = new List<string> { output.Text };
        if (output.Corrections is [var only])
        {
            list.AddRange(only.Alternatives.Select(a => string.Concat(wrong.AsSpan(0, only.Start), a, wrong.AsSpan(only.Start + only.Length))));
        }

        return list;
    }

    private static double Percent(List<Misspelling> items, List<string>[] suggestions, int k) =>
        items.Count == 0 ? 0 : Math.Round(100.0 * items.Where((item, i) =>
            suggestions[i].Take(k).Any(s => string.Equals(s, item.Right, StringComparison.OrdinalIgnoreCase))).Count() / items.Count, 2);

    private static int MaxEditDistance(JsonElement? options) =>
        options is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty("maxEditDistance", out var d) && d.TryGetInt32(out var value)
            ? value is 1 or 2 ? value : throw new TaskInputException("options.maxEditDistance", "must be 1 or 2")
            : 2;
}
