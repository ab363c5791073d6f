using System.Diagnostics.Metrics;

namespace NlpHost.Dashboard.Internal;

/// <summary>
/// Counts the backbone's batch sizes into power-of-two buckets by listening to the instrument <c>/metrics</c> exports,
/// so the dashboard shows the same numbers without scraping the host's own Prometheus endpoint.
/// </summary>
internal sealed class BatchSizeRecorder : IDisposable
{
    private const string MeterName = "NlpHost.Inference";
    private const string InstrumentName = "nlphost.backbone.batch.size";

    /// <summary>Upper bounds of the buckets; the last bucket takes everything above the last bound.</summary>
    public static readonly int[] Bounds = [1, 2, 4, 8, 16, 32, 64, 128];

    private readonly long[] _counts = new long[Bounds.Length + 1];
    private readonly MeterListener _listener = new();

    public BatchSizeRecorder()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == MeterName && instrument.Name == InstrumentName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<int>((_, size, _, _) => Record(size));
        _listener.Start();
    }

    /// <summary>Counts per bucket: <c>le</c> is the bucket's upper bound, <see langword="null"/> for the overflow bucket.</summary>
    public IReadOnlyList<BatchBucket> Snapshot() =>
        [.. _counts.Select((_, i) => new BatchBucket(i < Bounds.Length ? Bounds[i] : null, Interlocked.Read(ref _counts[i])))];

    public void Dispose() => _listener.Dispose();

    private void Record(int size)
    {
        var bucket = Array.FindIndex(Bounds, bound => size <= bound);
        Interlocked.Increment(ref _counts[bucket < 0 ? Bounds.Length : bucket]);
    }
}

/// <summary>Encoder runs whose batch size was at most <paramref name="Le"/> (and above the previous bound).</summary>
internal sealed record BatchBucket(int? Le, long Count);
