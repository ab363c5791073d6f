#:project ../common/TrainingBackbone/TrainingBackbone.csproj
#:project ../../plugins/Summarize/Summarize.csproj
// Runs the summarize pipeline up to the salience head's input over a summarization data set (CSV or JSON Lines, as
// 'nlphost eval summarize' reads them) and caches, per candidate sentence, the head's feature row (float32) with its
// greedy-oracle label, for train_salience_head.py. A document with several references is dumped once, labelled
// against its first reference. Resumable: documents already in the output are skipped.
// Usage (from the repository root): dotnet run --file training/summarize/DumpFeatures.cs -- <data.csv|jsonl> <out-dir>
using System.Text.Json;
using NlpHost.Abstractions.Backbone;
using NlpHost.Tasks.Summarize;
using NlpHost.Tasks.Summarize.Evaluation;
using NlpHost.Tasks.Summarize.Scoring;
using NlpHost.Training;

var (csv, outDir) = (args[0], args[1]);
Directory.CreateDirectory(outDir);
await using var training = TrainingBackbone.Open();
var summarizer = new Summarizer(training.Backbone, new SummarizeSettings(), head: null);
var items = SummaryDataset.Read(csv, limit: null).DistinctBy(i => i.Document, StringComparer.Ordinal).ToList();
var clock = System.Diagnostics.Stopwatch.StartNew();

var indexPath = Path.Combine(outDir, "documents.jsonl");
var width = training.Backbone.Info.HiddenSize + SentenceFeatures.ExtraCount;
var earlier = File.Exists(indexPath) ? File.ReadLines(indexPath).Select(l => JsonDocument.Parse(l).RootElement).ToList() : [];
if (earlier.Any(d => d.GetProperty("rows").GetInt32() > 0 && d.GetProperty("width").GetInt32() != width))
{
    // Resuming must not mix layouts: a dump made before a feature was added cannot be continued.
    Console.Error.WriteLine($"{outDir} holds rows of another width than today's {width} features; delete it or pick another folder");
    return 1;
}

var done = earlier.Select(d => d.GetProperty("rows").GetInt32()).ToList();
using var features = new FileStream(Path.Combine(outDir, "features.f32"), FileMode.OpenOrCreate);
features.SetLength(done.Sum() * (long)width * 4);
features.Seek(0, SeekOrigin.End);
using var index = new StreamWriter(indexPath, append: true);
Console.WriteLine($"{items.Count} documents, {done.Count} already dumped");

foreach (var chunk in items.Skip(done.Count).Chunk(16))
{
    // Documents of a chunk run together so the backbone batches their sentences.
    var analyses = await Task.WhenAll(chunk.Select(item => summarizer.AnalyzeAsync(item.Document, null, CancellationToken.None)));
    for (var d = 0; d < chunk.Length; d++)
    {
        var analysis = analyses[d];
        var texts = analysis.Candidates.Select(c => c.Of(analysis.Text)).ToList();
        var oracle = GreedyOracle.Select(texts, chunk[d].Summary).ToHashSet();
        var reference = Rouge.Tokenize(chunk[d].Summary);
        foreach (var row in analysis.Features)
        {
            var bytes = new byte[row.Length * 4];
            Buffer.BlockCopy(row, 0, bytes, 0, bytes.Length);
            features.Write(bytes);
        }

        index.WriteLine(JsonSerializer.Serialize(new
        {
            index = items.IndexOf(chunk[d]),
            rows = analysis.Features.Length,
            width = analysis.Features.FirstOrDefault()?.Length ?? 0,
            labels = texts.Select((_, i) => oracle.Contains(i) ? 1 : 0),
            // How much of each sentence's text is in the reference (ROUGE-2 precision): a soft label for model selection.
            soft = texts.Select(t => Math.Round(Precision(reference, Rouge.Tokenize(t)), 4)),
            // The texts, so the trainer can score a selection with ROUGE on held-out documents.
            sentences = texts,
            summary = chunk[d].Summary,
        }));
    }

    features.Flush();
    index.Flush();
    Console.WriteLine($"{items.IndexOf(chunk[^1]) + 1} documents, {clock.Elapsed.TotalSeconds:F0} s");
}

return 0;

static double Precision(List<string> reference, List<string> sentence)
{
    var grams = reference.Zip(reference.Skip(1), (a, b) => a + " " + b).ToHashSet(StringComparer.Ordinal);
    var own = sentence.Zip(sentence.Skip(1), (a, b) => a + " " + b).ToList();
    return own.Count == 0 ? 0 : (double)own.Count(grams.Contains) / own.Count;
}
