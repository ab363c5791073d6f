#:project ../common/TrainingBackbone/TrainingBackbone.csproj
// Tokenizes the English side of data/translate/{train,dev}.tsv with the backbone's own tokenizer, so that the
// decoder is trained on exactly the encoder inputs the plugin will build: [CLS] pieces [SEP], at most <max pieces>
// (default 64, the first head's limit; the plugin itself takes up to the backbone's 256). A longer source is cut, so
// the trainer's --max-source drops rows that reach the limit rather than learn targets the source no longer holds.
// Also writes the backbone's hidden states for the first sources of the last split, to check the trainer's copy of
// the encoder.
// Usage (from the repository root): dotnet run --file training/translate/DumpIds.cs -- data/translate [max pieces] [splits...]
//   e.g. the fine-tuning mixture: dotnet run --file training/translate/DumpIds.cs -- data/translate-ft 128 train select
using NlpHost.Abstractions.Backbone;
using NlpHost.Training;

var folder = args[0];
var maxPieces = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 64;
string[] splits = args.Length > 2 ? args[2..] : ["train", "dev"];
await using var training = TrainingBackbone.Open();
var backbone = training.Backbone;
var info = backbone.Info;
foreach (var split in splits)
{
    using var output = new StreamWriter(Path.Combine(folder, $"{split}.src.ids"));
    foreach (var line in File.ReadLines(Path.Combine(folder, $"{split}.tsv")))
    {
        output.WriteLine(string.Join(' ', Encode(line.Split('\t')[0]).Ids));
    }
}

var samples = File.ReadLines(Path.Combine(folder, $"{splits[^1]}.tsv")).Take(8).Select(l => Encode(l.Split('\t')[0])).ToList();
var states = await backbone.EncodeAsync(samples, CancellationToken.None);
using (var parity = new BinaryWriter(File.Create(Path.Combine(folder, "parity-hidden.f32"))))
{
    foreach (var s in states)
    {
        foreach (var v in s.Data.AsSpan(0, s.Length * s.Size))
        {
            parity.Write(v);
        }
    }
}

File.WriteAllLines(Path.Combine(folder, "parity-ids.txt"), samples.Select(s => string.Join(' ', s.Ids)));
Console.WriteLine($"wrote ids and parity sample to {folder}");

EncoderInput Encode(string text)
{
    var pieces = backbone.Tokenize(text).Ids;
    int[] ids = [info.ClsTokenId, .. pieces.Take(maxPieces - 2), info.SepTokenId];
    return new EncoderInput(ids, new int[ids.Length]);
}
