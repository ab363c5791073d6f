using System.CommandLine;
using NlpHost.Composition;
using NlpHost.Inference;
using NlpHost.Inference.Benchmarks;

namespace NlpHost.Cli;

/// <summary><c>nlphost bench backbone</c>: throughput of the shared backbone against the bare session and a C# peer.</summary>
internal static class BenchCommand
{
    private const string DefaultPeer = "bench/MiniLmPeer/MiniLmPeer.csproj";

    public static Command Create(string[] overrides)
    {
        var sentences = new Option<string>("--sentences") { Description = "Text or TSV file; the first column of each line is a sentence.", Required = true };
        var count = new Option<int>("--count") { Description = "Sentences to use, taken evenly across the file.", DefaultValueFactory = _ => 1024 };
        var peer = new Option<string?>("--peer") { Description = $"Project of the C# peer to compare with (default {DefaultPeer} when present; 'none' skips it)." };
        var backbone = new Command("backbone", "Sentences/s: bare session, batched service, unbatched, 32 concurrent callers, C# peer.") { sentences, count, peer };
        backbone.SetAction((parse, ct) => CommandRunner.RunAsync(async token =>
        {
            var path = parse.GetValue(sentences)!;
            if (!File.Exists(path))
            {
                throw new UsageException($"sentences file '{path}' not found");
            }

            var configuration = new ConfigurationBuilder().AddNlpHostSources(overrides).Build();
            var options = configuration.GetSection(BackboneOptions.SectionName).Get<BackboneOptions>() ?? new BackboneOptions();
            options.BaseDirectory ??= Directory.GetCurrentDirectory();
            var peerPath = parse.GetValue(peer) switch
            {
                "none" => null,
                null => File.Exists(DefaultPeer) ? Path.GetFullPath(DefaultPeer) : null,
                var p => Path.GetFullPath(p),
            };
            await BackboneBenchmark.RunAsync(Console.Out, new BackboneBenchmarkOptions
            {
                SentencesPath = path,
                SentenceCount = parse.GetValue(count),
                Backbone = options,
                PeerProjectPath = peerPath,
            }, token).ConfigureAwait(false);
            return ExitCodes.Ok;
        }, ct));
        return new Command("bench", "Benchmarks (not tests): their numbers go into docs/benchmarks.md.") { backbone };
    }
}
