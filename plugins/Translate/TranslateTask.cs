using System.Runtime.CompilerServices;
using NlpHost.Abstractions.Plugins;
using NlpHost.Tasks.Sdk.Models;
using NlpHost.Tasks.Translate.Configuration;
using NlpHost.Tasks.Translate.Generation;
using NlpHost.Tasks.Translate.Models;

namespace NlpHost.Tasks.Translate;

/// <summary>
/// Translation of a sentence or a document: a decoder head over the shared encoder, or a Marian/T5 export, per
/// configured language pair. Loaded models (and their generation queues, which batch sentences across concurrent
/// jobs) live as long as the task.
/// </summary>
internal sealed class TranslateTask : TaskPlugin<TranslateInput, TranslateOptions, TranslateOutput>, IAsyncDisposable
{
    private readonly ModelCache<Translator> _translators = new();

    // Not required by the host: a deployment whose pairs all point at Marian exports runs without it.
    public override TaskDescriptor Descriptor { get; } = Describe(
        "translate", "0.2.0", "Translation (English to Spanish by default) with a decoder head over the shared encoder, or a Marian/T5 export",
        new HeadRequirement("decoder", "heads/translate-en-es/" + TranslatorFactory.DecoderFile, Required: false,
            "the English-Spanish decoder head is trained with training/translate (see plugins/Translate/README.md);"))
    with
    {
        SettingsType = typeof(TranslateSettings),
    };

    protected override void Validate(TranslateInput input, TranslateOptions options)
    {
        if (input.Text is null)
        {
            throw new TaskInputException("input.text", "is required");
        }

        if (string.IsNullOrWhiteSpace(input.Text))
        {
            throw new TaskInputException("input.text", "is empty: give the sentence or document to translate");
        }

        if (options.BeamSize is < 1 or > 16)
        {
            throw new TaskInputException("options.beamSize", "must be between 1 and 16");
        }

        if (options.MaxLength is < 1 or > 1024)
        {
            throw new TaskInputException("options.maxLength", "must be between 1 and 1024 tokens");
        }

        if (string.IsNullOrWhiteSpace(options.Source) || string.IsNullOrWhiteSpace(options.Target))
        {
            throw new TaskInputException(string.IsNullOrWhiteSpace(options.Source) ? "options.source" : "options.target", "must name a language, e.g. en or es");
        }
    }

    protected override Task<TranslateOutput> ExecuteAsync(TranslateInput input, TranslateOptions options, TaskContext context, CancellationToken cancellationToken)
    {
        var settings = context.GetSettings<TranslateSettings>();
        var translator = Translator(settings.Resolve(options.Source, options.Target), settings, context);
        return translator.TranslateAsync(input.Text, Request(settings, options), context.Logger, context.Progress, cancellationToken);
    }

    /// <summary>The loaded model of a pair, created once per model file and backbone.</summary>
    internal Translator Translator(PairSettings pair, TranslateSettings settings, TaskContext context)
    {
        var key = $"{pair.Pair}|{TranslatorFactory.DecoderPath(pair, context)}|{RuntimeHelpers.GetHashCode(context.Backbone)}";
        return _translators.Get(key, () => TranslatorFactory.Create(pair, settings, context));
    }

    internal static TranslationRequest Request(TranslateSettings settings, TranslateOptions options) => new(
        new GenerationSettings(options.BeamSize ?? settings.BeamSize, settings.LengthPenalty, settings.NoRepeatNgramSize),
        options.MaxLength ?? settings.MaxLength, settings.MaxLengthRatio, settings.MaxLengthOffset)
    {
        Protect = options.Protect,
        Target = options.Target,
        LowConfidence = settings.LowConfidence,
    };

    public ValueTask DisposeAsync() => _translators.DisposeAsync();
}
