using System.Diagnostics.Metrics;

namespace NlpHost.Inference.Internal;

/// <summary>
/// Instruments of the shared encoder (meter <c>NlpHost.Inference</c>), exported by the host's /metrics. The meter comes
/// from the host's <see cref="IMeterFactory"/>, which owns it; without one (a bench, a test) it is owned here.
/// </summary>
internal sealed class BackboneMetrics : IDisposable
{
    public const string MeterName = "NlpHost.Inference";

    private readonly Meter? _owned;

    public BackboneMetrics(IMeterFactory? meterFactory)
    {
        var meter = meterFactory?.Create(MeterName) ?? (_owned = new Meter(MeterName));
        BatchSize = meter.CreateHistogram<int>(
            "nlphost.backbone.batch.size", unit: "{sequence}", description: "Sequences per encoder run",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128] });
        RunDuration = meter.CreateHistogram<double>("nlphost.backbone.run.duration", unit: "s", description: "Duration of one encoder run");
        Tokens = meter.CreateCounter<long>(
            "nlphost.backbone.tokens", unit: "{token}", description: "Token positions the encoder computed, tagged padding=true for the padding of shorter sequences in a batch");
    }

    /// <summary>Sequences per encoder run: how well concurrent requests are being coalesced.</summary>
    public Histogram<int> BatchSize { get; }

    /// <summary>Time of one encoder run.</summary>
    public Histogram<double> RunDuration { get; }

    /// <summary>Real and padding token positions per run: the share of padding is the work length bucketing saves.</summary>
    public Counter<long> Tokens { get; }

    /// <summary>Records one run of <paramref name="rows"/> sequences padded to <paramref name="length"/> with <paramref name="real"/> real tokens.</summary>
    public void RecordRun(int rows, int length, long real, TimeSpan elapsed)
    {
        BatchSize.Record(rows);
        RunDuration.Record(elapsed.TotalSeconds);
        Tokens.Add(real, new KeyValuePair<string, object?>("padding", false));
        Tokens.Add((long)rows * length - real, new KeyValuePair<string, object?>("padding", true));
    }

    public void Dispose() => _owned?.Dispose();
}
