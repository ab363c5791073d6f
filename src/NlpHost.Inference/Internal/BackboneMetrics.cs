using System.Diagnostics.Metrics;

namespace NlpHost.Inference.Internal;

/// <summary>Instruments of the shared encoder (meter <c>NlpHost.Inference</c>), exported by the host's /metrics.</summary>
internal static class BackboneMetrics
{
    public const string MeterName = "NlpHost.Inference";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Sequences per encoder run: how well concurrent requests are being coalesced.</summary>
    public static readonly Histogram<int> BatchSize = Meter.CreateHistogram<int>(
        "nlphost.backbone.batch.size", unit: "{sequence}", description: "Sequences per encoder run",
        advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128] });

    /// <summary>Time of one encoder run.</summary>
    public static readonly Histogram<double> RunDuration = Meter.CreateHistogram<double>(
        "nlphost.backbone.run.duration", unit: "s", description: "Duration of one encoder run");
}
