using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using NlpHost.Abstractions.Backbone;
using NlpHost.Inference;
using NlpHost.Inference.Internal;
using NlpHost.Inference.Tokenization;

namespace BackboneBench;

/// <summary>The ways of running the backbone that the bench compares; each returns sentences per second.</summary>
internal static class Measurements
{
    public const int Batch = 32;

    /// <summary>
    /// Each timing repeats its pass over the texts until at least this long has passed (<c>--min-seconds</c>): 64 short
    /// texts take about 0.1 s, where a scheduler tick or a page fault is already a tenth of the figure, which is why the
    /// short set's ratios did not hold between runs.
    /// </summary>
    public static TimeSpan MinDuration { get; set; } = TimeSpan.FromSeconds(0.5);

    /// <summary>The ONNX Runtime session alone (the same graph and tokenizer as the service, no scheduler), fed batches of 32.</summary>
    public static Func<CancellationToken, Task<double?>> Bare(BackboneOptions options, string[] texts, out IDisposable session)
    {
        var tokenizer = BackboneTokenizer.Create(options.ResolvedVocabPath, options.LowerCase);
        var providers = ExecutionProviders.Resolve(options, NullLogger.Instance);
        using var sessionOptions = providers.CreateSessionOptions();
        var encoder = new EncoderSession(options.ResolvedModelPath, sessionOptions, options.Precision);
        session = encoder;
        return _ => Timed(texts, () =>
        {
            for (var start = 0; start < texts.Length; start += Batch)
            {
                var inputs = texts[start..Math.Min(start + Batch, texts.Length)]
                    .Select(s => new EncoderInput(tokenizer.EncodeForModel(s, options.MaxSequenceLength)))
                    .ToList();
                foreach (var states in encoder.Run(inputs, tokenizer.PadId))
                {
                    Pooling.MeanNormalized(states);
                }
            }

            return Task.CompletedTask;
        });
    }

    public static Func<CancellationToken, Task<double?>> Batches(IBackbone backbone, string[] texts, int size) => token => Timed(texts, async () =>
    {
        for (var start = 0; start < texts.Length; start += size)
        {
            await backbone.EmbedAsync(texts[start..Math.Min(start + size, texts.Length)], token).ConfigureAwait(false);
        }
    });

    public static Func<CancellationToken, Task<double?>> Concurrent(IBackbone backbone, string[] texts, int callers) => token => Timed(texts, async () =>
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < texts.Length; i = Interlocked.Increment(ref next))
            {
                await backbone.EmbedAsync([texts[i]], token).ConfigureAwait(false);
            }
        }, token))).ConfigureAwait(false);
    });

    private static async Task<double?> Timed(string[] texts, Func<Task> run)
    {
        var clock = Stopwatch.StartNew();
        var passes = 0;
        do
        {
            await run().ConfigureAwait(false);
            passes++;
        }
        while (clock.Elapsed < MinDuration);

        return passes * texts.Length / clock.Elapsed.TotalSeconds;
    }
}
