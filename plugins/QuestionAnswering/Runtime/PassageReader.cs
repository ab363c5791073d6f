using System.Collections.Concurrent;
using NlpHost.Abstractions.Plugins;

namespace NlpHost.Tasks.QuestionAnswering.Runtime;

/// <summary>Reads one passage for a question and returns the best spans, by whichever route is configured.</summary>
internal delegate Task<IReadOnlyList<SpanDecoder.Candidate>> PassageReader(string question, string passage, QaOptions options, CancellationToken cancellationToken);

/// <summary>
/// Chooses the route: a configured whole QA export wins over backbone + span head. An export is opened (files checked,
/// tokenizer config read) once per setting, not once per document.
/// </summary>
internal sealed class PassageReaders
{
    private readonly ConcurrentDictionary<(string Path, int MaxSequenceLength, bool? LowerCase), ExportedQaModel> _exports = new();

    public PassageReader Create(TaskContext context)
    {
        var settings = QaModelSettings.From(context.Settings);
        if (!string.IsNullOrWhiteSpace(settings.Path))
        {
            var model = _exports.GetOrAdd((settings.Path, settings.MaxSequenceLength, settings.LowerCase), _ => ExportedQaModel.Open(context.Backbone, settings));
            return (q, p, o, ct) => SpanReader.ReadAsync(model, q, p, o, ct);
        }

        if (!context.Heads.TryGetValue("span", out var headPath))
        {
            throw new TaskModelException("no span head (models/heads/qa-span/head.onnx) and no Plugins:qa:Model:Path; train the head or configure a QA export");
        }

        var head = context.Backbone.OpenModel(headPath);
        return (q, p, o, ct) => SpanReader.ReadAsync(context.Backbone, head, q, p, o, ct);
    }
}
