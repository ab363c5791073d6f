#:project ../common/TrainingBackbone/TrainingBackbone.csproj
#:project ../../plugins/Qa/Qa.csproj
// Runs the frozen backbone over SQuAD and caches, per window, its hidden states (float16) and the answer's
// start/end pieces, for train_span_head.py. Resumable: windows already in the output are skipped.
// Usage (from the repository root): dotnet run --file training/qa/DumpFeatures.cs -- <squad.json> <out-dir> [--ids-only] [--spans]
// --ids-only writes the windows' ids and labels without running the backbone (for probe_layers.py and
// train_branch.py, which compute the layers themselves). --spans adds each window's context offset and the character
// span of every context piece, so a trainer can turn logits into answer text the way the plugin does (development sets).
// Every row names its source (the file's name without .json) and whether its window holds the answer (a negative
// window, labelled start = end = 0, the [CLS] position, as Hugging Face's run_qa does).
using System.Text.Json;
using NlpHost.Abstractions.Backbone;
using NlpHost.Tasks.Qa.Runtime;
using NlpHost.Training;

var (squad, outDir) = (args[0], args[1]);
var idsOnly = args.Contains("--ids-only");
var withSpans = args.Contains("--spans");
var source = Path.GetFileNameWithoutExtension(squad);
Directory.CreateDirectory(outDir);
await using var training = TrainingBackbone.Open();
var backbone = training.Backbone;
var length = backbone.Info.MaxSequenceLength;
var hidden = backbone.Info.HiddenSize;
var indexPath = Path.Combine(outDir, "windows.jsonl");
var done = File.Exists(indexPath) ? File.ReadLines(indexPath).Count() : 0;
using var states = new FileStream(Path.Combine(outDir, "hidden.f16"), FileMode.OpenOrCreate);
states.SetLength((long)done * length * hidden * 2);
states.Seek(0, SeekOrigin.End);
using var index = new StreamWriter(indexPath, append: true);
var windowNumber = 0;
var pending = new List<(QaWindow Window, string Meta)>();
foreach (var article in JsonDocument.Parse(File.ReadAllText(squad)).RootElement.GetProperty("data").EnumerateArray())
{
    var title = article.GetProperty("title").GetString();
    foreach (var paragraph in article.GetProperty("paragraphs").EnumerateArray())
    {
        var context = paragraph.GetProperty("context").GetString()!;
        foreach (var qa in paragraph.GetProperty("qas").EnumerateArray())
        {
            // A question without answers (SQuAD 2.0's unanswerable ones, or `"answers": []`) labels every window
            // as no-answer ([CLS]); it used to stop the whole dump at answers[0].
            var answers = qa.TryGetProperty("answers", out var list) && list.ValueKind == JsonValueKind.Array ? list : default;
            var answered = answers.ValueKind == JsonValueKind.Array && answers.GetArrayLength() > 0
                && !(qa.TryGetProperty("is_impossible", out var impossible) && impossible.ValueKind == JsonValueKind.True);
            var start = answered ? answers[0].GetProperty("answer_start").GetInt32() : -1;
            var end = answered ? start + answers[0].GetProperty("text").GetString()!.Length : -1;
            foreach (var window in QaWindow.Build(backbone, qa.GetProperty("question").GetString()!, context, stride: 128))
            {
                if (windowNumber++ < done)
                {
                    continue;
                }

                var spans = window.ContextSpans;
                var first = Array.FindIndex(spans, s => s.End > start);
                var last = Array.FindLastIndex(spans, s => s.Start < end);
                var inside = answered && first >= 0 && last >= first && spans[first].Start <= start + 1 && spans[last].End >= end - 1;
                var meta = JsonSerializer.Serialize(new
                {
                    id = qa.GetProperty("id").GetString(), source, title, tokens = window.Input.Ids.Length,
                    start = inside ? window.ContextOffset + first : 0, end = inside ? window.ContextOffset + last : 0,
                    offset = withSpans ? window.ContextOffset : (int?)null,
                    spans = withSpans ? window.ContextSpans.SelectMany(s => new[] { s.Start, s.Length }).ToArray() : null,
                    ids = idsOnly ? window.Input.Ids : null, types = idsOnly ? window.Input.TypeIds : null,
                });
                pending.Add((window, meta));
                if (pending.Count == 64)
                {
                    await FlushAsync();
                }
            }
        }
    }
}

await FlushAsync();
Console.WriteLine($"{windowNumber} windows");

async Task FlushAsync()
{
    if (idsOnly)
    {
        pending.ForEach(p => index.WriteLine(p.Meta));
        pending.Clear();
        return;
    }

    var encoded = await backbone.EncodeAsync([.. pending.Select(p => p.Window.Input)], CancellationToken.None);
    var buffer = new byte[length * hidden * 2];
    for (var i = 0; i < pending.Count; i++)
    {
        Array.Clear(buffer);
        var data = encoded[i].Data;
        for (var j = 0; j < data.Length; j++)
        {
            BitConverter.TryWriteBytes(buffer.AsSpan(j * 2, 2), (Half)data[j]);
        }

        states.Write(buffer);
        index.WriteLine(pending[i].Meta);
    }

    states.Flush();
    index.Flush();
    Console.WriteLine($"{windowNumber} windows seen");
    pending.Clear();
}
