using NlpHost.Abstractions.Plugins;
using NlpHost.Tasks.Spellcheck.Context;
using NlpHost.Tasks.Spellcheck.Correction;

namespace NlpHost.Tasks.Spellcheck;

/// <summary>Spelling correction: symmetric-delete candidates over a frequency lexicon, ranked by a noisy channel with bigram context, chosen in context by the backbone head.</summary>
internal sealed class SpellcheckTask(SpellcheckModelCache models) : TaskPlugin<SpellcheckInput, SpellcheckOptions, SpellcheckOutput>
{
    private CandidateEmbeddings? _embeddings;

    public const int MaxTextLength = 1_000_000;

    public override TaskDescriptor Descriptor { get; } = Describe(
        "spellcheck", "0.2.0", "Spelling correction in context (noisy channel + context head, real-word errors) with character offsets, case and punctuation kept",
        new HeadRequirement("lexicon", "spellcheck/words.txt.gz", Required: true,
            "build it with 'python3 training/spellcheck/build_lexicon.py' (see plugins/Spellcheck/README.md)"),
        new HeadRequirement("bigrams", "spellcheck/bigrams.txt.gz", Required: false,
            "build it with 'python3 training/spellcheck/build_lexicon.py'; without it candidates are ranked without context"),
        new HeadRequirement("confusables", "spellcheck/confusables.txt", Required: false,
            "the confusion sets (their/there) of models/spellcheck; without them no known word is questioned"),
        new HeadRequirement("context", "heads/spellcheck-context/head.onnx", Required: false,
            "train it with training/spellcheck (see plugins/Spellcheck/README.md); without it the noisy channel alone chooses and real-word errors are not looked for"))
    with
    {
        SettingsType = typeof(SpellcheckSettings),
    };

    protected override void Validate(SpellcheckInput input, SpellcheckOptions options)
    {
        if (input.Text is null)
        {
            throw new TaskInputException("input.text", "is required");
        }

        if (input.Text.Length > MaxTextLength)
        {
            throw new TaskInputException("input.text", $"is longer than {MaxTextLength} characters; split it");
        }

        if (options.MaxEditDistance is < 1 or > 2)
        {
            throw new TaskInputException("options.maxEditDistance", "must be 1 or 2");
        }

        if (options.Alternatives is < 0 or > 20)
        {
            throw new TaskInputException("options.alternatives", "must be 0..20");
        }
    }

    protected override Task<SpellcheckOutput> ExecuteAsync(SpellcheckInput input, SpellcheckOptions options, TaskContext context, CancellationToken cancellationToken)
    {
        return CreateCorrector(context).CorrectAsync(input.Text, options, cancellationToken);
    }

    /// <summary>The corrector for a run: the cached model and the weights from the task's settings.</summary>
    internal Corrector CreateCorrector(TaskContext context)
    {
        var model = models.Get(context.Heads["lexicon"], context.Heads.GetValueOrDefault("bigrams"), context.Heads.GetValueOrDefault("confusables"), context.Logger);
        ContextScorer? scorer = null;
        if (context.Heads.TryGetValue("context", out var headPath))
        {
            var settings = context.GetSettings<SpellcheckSettings>().Context();
            var embeddings = LazyInitializer.EnsureInitialized(ref _embeddings, () => new CandidateEmbeddings(context.Backbone));
            scorer = new ContextScorer(new ContextRowBuilder(context.Backbone, embeddings, settings), new ContextHead(context.Backbone.OpenModel(headPath)), settings);
        }

        return new Corrector(model, context.GetSettings<SpellcheckSettings>().Weights(), scorer);
    }
}
