using Microsoft.Extensions.Options;
using NlpHost.Abstractions.Backbone;
using NlpHost.Inference;
using NlpHost.PluginLoading.Integrity;

namespace NlpHost.Composition;

/// <summary>
/// The shared backbone as a precondition of every task: its files pass their checksums, then it loads. Either failure
/// makes the tasks unavailable with the file and reason (exit 4, a permanent job failure, /health/ready naming it)
/// instead of an ONNX Runtime error retried as transient.
/// </summary>
internal sealed class BackbonePrecondition(IOptions<BackboneOptions> options, IBackbone backbone, ModelIntegrity integrity) : IModelPrecondition
{
    public string? Problem()
    {
        var settings = options.Value;
        if ((integrity.Problem(settings.ResolvedModelPath) ?? integrity.Problem(settings.ResolvedVocabPath)) is { } problem)
        {
            return "backbone: " + problem;
        }

        try
        {
            _ = backbone.Info;
            return null;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return $"backbone '{settings.ResolvedModelPath}' failed to load: {e.Message} (Backbone:ModelPath, Backbone:VocabPath)";
        }
    }
}
