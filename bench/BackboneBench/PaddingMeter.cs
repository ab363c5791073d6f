using System.Diagnostics.Metrics;

namespace BackboneBench;

/// <summary>Reads the backbone's <c>nlphost.backbone.tokens</c> counter: real and padding positions since the last reset.</summary>
internal sealed class PaddingMeter : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _real;
    private long _padding;

    public PaddingMeter()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "NlpHost.Inference" && instrument.Name == "nlphost.backbone.tokens")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var padding = tags.Length > 0 && tags[0].Value is true;
            Interlocked.Add(ref padding ? ref _padding : ref _real, value);
        });
        _listener.Start();
    }

    /// <summary>Share of computed positions that were padding, then starts counting afresh.</summary>
    public double TakeShare()
    {
        var (real, padding) = (Interlocked.Exchange(ref _real, 0), Interlocked.Exchange(ref _padding, 0));
        return real + padding == 0 ? 0 : (double)padding / (real + padding);
    }

    public void Dispose() => _listener.Dispose();
}
