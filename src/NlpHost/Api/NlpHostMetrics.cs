using System.Diagnostics.Metrics;
using NlpHost.Abstractions.Backbone;

namespace NlpHost.Api;

/// <summary>Host-level gauges: which execution provider the backbone runs on.</summary>
internal sealed class NlpHostMetrics : IDisposable
{
    public const string MeterName = "NlpHost";

    private readonly Meter _meter;

    public NlpHostMetrics(IMeterFactory meterFactory, IBackbone backbone)
    {
        _meter = meterFactory.Create(MeterName);
        _meter.CreateObservableGauge(
            "nlphost.backbone.execution_provider",
            () => new Measurement<int>(1, new KeyValuePair<string, object?>("provider", backbone.Info.ExecutionProvider)),
            description: "1, tagged with the execution provider the backbone runs on");
    }

    public void Dispose() => _meter.Dispose();
}
