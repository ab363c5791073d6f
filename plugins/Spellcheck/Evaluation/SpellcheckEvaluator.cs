using System.Diagnostics;
using System.Text.Json;
using NlpHost.Abstractions.Evaluation;
using NlpHost.Abstractions.Plugins;
using NlpHost.Tasks.Spellcheck.Correction;

namespace NlpHost.Tasks.Spellcheck.Evaluation;

/// <summary>
/// <c>nlphost eval spellcheck --data &lt;file&gt;</c>. A misspelling list (Norvig or Birkbeck/Mitton): each
/// misspelling is corrected on its own, as a one-word text, by the task's corrector; accuracy@1 = the corrected text
/// is the intended word, accuracy@5 = it is among the correction and its first four alternatives; case is ignored,
/// as in the hunspell/aspell baselines (<c>bench/spellcheck-baselines.sh</c>). Predictions are
/// <c>{"input","expected","output","suggestions"}</c>. A sentence set (<c>written&lt;TAB&gt;meant</c>): whole
/// sentences, scored word by word (<see cref="SentenceScore"/>); predictions <c>{"input","expected","output"}</c>.
/// Options: <c>maxEditDistance</c>, <c>context</c> and <c>realWords</c> (as the task's), <c>concurrency</c>
/// (texts in flight: 1 without the context head, 8 with it, so the backbone sees batches).
/// </summary>
internal sealed class SpellcheckEvaluator(SpellcheckModelCache models) : ITaskEvaluator
{
    public string TaskName => "spellcheck";

    public async Task<EvaluationReport> EvaluateAsync(EvaluationRequest request, TaskContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var corrector = new SpellcheckTask(models).CreateCorrector(context);
        var options = new SpellcheckOptions
        {
            Alternatives = 4,
            MaxEditDistance = Option(request.Options, "maxEditDistance", 2, v => v is 1 or 2, "must be 1 or 2"),
            Context = Flag(request.Options, "context"),
            RealWords = Flag(request.Options, "realWords"),
        };
        var usesHead = corrector.HasContextHead && options.Context;
        var concurrency = Option(request.Options, "concurrency", usesHead ? 8 : 1, v => v is >= 1 and <= 256, "must be 1..256");
        var sentences = SentencePairs.Looks(request.DataPath);
        var inputs = sentences
            ? SentencePairs.Read(request.DataPath).Take(request.Limit ?? int.MaxValue).Select(p => (p.Wrong, p.Right)).ToList()
            : MisspellingSet.Read(request.DataPath).Take(request.Limit ?? int.MaxValue).Select(m => (m.Wrong, m.Right)).ToList();

        // Load the lexicon, the head and compile the hot paths before the clock starts: the rate is the steady one.
        if (inputs.Count > 0)
        {
            await corrector.CorrectAsync(inputs[0].Wrong, options, cancellationToken).ConfigureAwait(false);
        }

        var outputs = new SpellcheckOutput[inputs.Count];
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, inputs.Count), new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (i, token) => outputs[i] = await corrector.CorrectAsync(inputs[i].Wrong, options, token).ConfigureAwait(false)).ConfigureAwait(false);
        var seconds = Math.Max(clock.Elapsed.TotalSeconds, 1e-9);

        var (metrics, predictions) = sentences ? Sentences(inputs, outputs, seconds) : Words(inputs, outputs, seconds);
        metrics["contextHead"] = usesHead ? 1 : 0;
        metrics["concurrency"] = concurrency;
        return new EvaluationReport(new Dictionary<string, IReadOnlyDictionary<string, double>> { ["nlphost"] = metrics }, predictions);
    }

    private static (Dictionary<string, double>, List<object>) Words(List<(string Wrong, string Right)> items, SpellcheckOutput[] outputs, double seconds)
    {
        var suggestions = items.Select((item, i) => Suggestions(item.Wrong, outputs[i])).ToList();
        var metrics = new Dictionary<string, double>
        {
            ["accuracy@1"] = Percent(items, suggestions, 1),
            ["accuracy@5"] = Percent(items, suggestions, 5),
            ["words"] = items.Count,
            ["wordsPerSecond"] = Math.Round(items.Count / seconds, 1),
        };
        return (metrics, [.. items.Select((item, i) => (object)new { input = item.Wrong, expected = item.Right, output = suggestions[i][0], suggestions = suggestions[i] })]);
    }

    private static (Dictionary<string, double>, List<object>) Sentences(List<(string Wrong, string Right)> pairs, SpellcheckOutput[] outputs, double seconds)
    {
        var scores = pairs.Select((p, i) => SentenceScore.Of(p.Wrong, p.Right, outputs[i].Text)).ToList();
        var clean = pairs.Select((p, i) => (p, i)).Where(x => x.p.Wrong == x.p.Right).ToList();
        var errors = scores.Sum(s => s.Errors);
        var words = scores.Sum(s => s.Words);
        var metrics = new Dictionary<string, double>
        {
            ["sentences"] = pairs.Count,
            ["sentenceAccuracy"] = Math.Round(100.0 * scores.Count(s => s.Exact) / Math.Max(1, pairs.Count), 2),
            ["errors"] = errors,
            ["errorsFixed"] = Math.Round(100.0 * scores.Sum(s => s.Fixed) / Math.Max(1, errors), 2),
            ["falseAlarmsPer1000Words"] = Math.Round(1000.0 * scores.Sum(s => s.FalseAlarms) / Math.Max(1, words), 2),
            ["cleanSentences"] = clean.Count,
            ["cleanSentencesChanged"] = Math.Round(100.0 * clean.Count(x => outputs[x.i].Text != x.p.Right) / Math.Max(1, clean.Count), 2),
            ["sentencesPerSecond"] = Math.Round(pairs.Count / seconds, 1),
        };
        return (metrics, [.. pairs.Select((p, i) => (object)new { input = p.Wrong, expected = p.Right, output = outputs[i].Text })]);
    }

    /// <summary>The corrected text, then the text with each alternative of a whole-word correction.</summary>
    private static List<string> Suggestions(string wrong, SpellcheckOutput output)
    {
        var list = new List<string> { output.Text };
        if (output.Corrections is [var only])
        {
            list.AddRange(only.Alternatives.Select(a => string.Concat(wrong.AsSpan(0, only.Start), a, wrong.AsSpan(only.Start + only.Length))));
        }

        return list;
    }

    private static double Percent(List<(string Wrong, string Right)> items, List<List<string>> suggestions, int k) =>
        items.Count == 0 ? 0 : Math.Round(100.0 * items.Where((item, i) =>
            suggestions[i].Take(k).Any(s => string.Equals(s, item.Right, StringComparison.OrdinalIgnoreCase))).Count() / items.Count, 2);

    private static int Option(JsonElement? options, string name, int fallback, Func<int, bool> valid, string rule) =>
        options is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty(name, out var d)
            ? d.TryGetInt32(out var value) && valid(value) ? value : throw new TaskInputException($"options.{name}", rule)
            : fallback;

    private static bool Flag(JsonElement? options, string name) =>
        options is not { ValueKind: JsonValueKind.Object } o || !o.TryGetProperty(name, out var d) || d.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new TaskInputException($"options.{name}", "must be true or false"),
        };
}
