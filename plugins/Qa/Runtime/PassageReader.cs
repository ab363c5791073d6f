using NlpHost.Abstractions.Plugins;
using NlpHost.Tasks.Sdk.Models;

namespace NlpHost.Tasks.Qa.Runtime;

/// <summary>Reads one passage for a question and returns the best spans, by whichever route is configured.</summary>
internal delegate Task<IReadOnlyList<SpanDecoder.Candidate>> PassageReader(string question, string passage, QaOptions options, CancellationToken cancellationToken);

/// <summary>How passages are read, and the no-answer threshold that applies when a job sets none.</summary>
/// <param name="Name"><c>branch</c>, <c>span</c> or <c>export</c>.</param>
/// <param name="Read">Reads one passage.</param>
/// <param name="DefaultNoAnswerThreshold">The head's calibrated threshold (0 where scores are not calibrated).</param>
internal sealed record QaRoute(string Name, PassageReader Read, double DefaultNoAnswerThreshold);

/// <summary>
/// Chooses the route: a configured whole QA export wins; otherwise <c>Plugins:qa:Head</c> picks the head:
/// <c>span</c> (the default: it scored better on development data so far, see the README), <c>branch</c> (fine-tuned
/// top layers over the shared trunk, calibrated no-answer) or <c>auto</c> (the branch head when present, else the span
/// head). An export or head is opened (files checked, manifest read) once per setting, not once per document.
/// </summary>
internal sealed class PassageReaders : IAsyncDisposable
{
    private readonly ModelCache<ExportedQaModel> _exports = new();
    private readonly ModelCache<BranchHead> _branches = new();

    public QaRoute Create(TaskContext context)
    {
        var qa = context.GetSettings<QaSettings>();
        var settings = qa.Model;
        if (!string.IsNullOrWhiteSpace(settings.Path))
        {
            var model = _exports.Get($"{settings.Path}|{settings.MaxSequenceLength}|{settings.LowerCase}", () =>
            {
                var opened = ExportedQaModel.Open(context.Backbone, settings);
                Log.ExportOpened(context.Logger, settings.Path, opened.MaxSequenceLength);
                return opened;
            });
            return new QaRoute("export", (q, p, o, ct) => SpanReader.ReadAsync(model, q, p, o, ct), 0);
        }

        var choice = qa.Head;
        if (choice == "branch" && !context.Heads.ContainsKey("branch"))
        {
            throw new TaskModelException("Plugins:qa:Head is 'branch' but there is no branch head (models/heads/qa-branch/head.onnx); train it with training/qa/train_branch.py");
        }

        if (choice != "span" && context.Heads.TryGetValue("branch", out var branchPath) && File.Exists(branchPath))
        {
            var branch = _branches.Get(branchPath, () =>
            {
                var opened = BranchHead.Open(context.Backbone, branchPath);
                Log.BranchHeadOpened(context.Logger, branchPath, opened.Layer, opened.NoAnswerThreshold);
                return opened;
            });
            return new QaRoute("branch", (q, p, o, ct) => branch.ReadAsync(context.Backbone, q, p, o, ct), branch.NoAnswerThreshold);
        }

        if (!context.Heads.TryGetValue("span", out var headPath))
        {
            throw new TaskModelException("no QA head (models/heads/qa-branch or models/heads/qa-span) and no Plugins:qa:Model:Path; train a head or configure a QA export");
        }

        var head = context.Backbone.OpenModel(headPath);
        return new QaRoute("span", (q, p, o, ct) => SpanReader.ReadAsync(context.Backbone, head, q, p, o, ct), 0);
    }

    public async ValueTask DisposeAsync()
    {
        await _exports.DisposeAsync().ConfigureAwait(false);
        await _branches.DisposeAsync().ConfigureAwait(false);
    }
}
