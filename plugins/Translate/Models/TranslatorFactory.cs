using System.Text.Json;
using NlpHost.Abstractions.Backbone;
using NlpHost.Abstractions.Plugins;
using NlpHost.Tasks.Translate.Configuration;
using NlpHost.Tasks.Translate.Generation;

namespace NlpHost.Tasks.Translate.Models;

/// <summary>Loads a pair's model: an NlpHost decoder head over the shared backbone, or a Marian/T5 export.</summary>
internal static class TranslatorFactory
{
    public const string DecoderFile = "decoder_model_merged.onnx";

    /// <summary>The decoder file the pair uses; the cache key of its loaded model.</summary>
    public static string DecoderPath(PairSettings pair, TaskContext context) => Path.GetFullPath(
        pair.MarianPath is { } marian ? Path.Combine(marian, DecoderFile)
        : pair.HeadPath is { } head ? Path.Combine(head, DecoderFile)
        : context.Heads.TryGetValue("decoder", out var found) ? found
        : throw new TaskModelException(
            $"pair '{pair.Pair}' uses the decoder head, which is not installed (models/heads/translate-en-es/{DecoderFile}, " +
            $"or Plugins:translate:Heads:decoder); train it (plugins/Translate/README.md), or point the pair at an export " +
            $"with Plugins:translate:Pairs:{pair.Pair}:MarianPath"));

    public static Translator Create(PairSettings pair, TranslateSettings settings, TaskContext context)
    {
        var decoderPath = DecoderPath(pair, context);
        var folder = Path.GetDirectoryName(decoderPath)!;
        var key = pair.MarianPath is null ? $"Plugins:translate:Pairs:{pair.Pair}:HeadPath" : $"Plugins:translate:Pairs:{pair.Pair}:MarianPath";
        if (!File.Exists(decoderPath))
        {
            throw new FileNotFoundException($"translate: '{decoderPath}' not found; check {key}", decoderPath);
        }

        ISourceEncoder encoder;
        ITargetVocabulary target;
        ModelConfig config;
        if (pair.MarianPath is null)
        {
            config = ModelConfig.ForHead(Path.Combine(folder, "manifest.json"), context.Backbone.Info.MaxSequenceLength);
            encoder = new BackboneSourceEncoder(context.Backbone);
            target = SentencePieceVocabulary.Load(Path.Combine(folder, "target.spm"), null, [config.Start, config.End, config.Pad]);
        }
        else
        {
            var vocabulary = ReadVocabulary(Path.Combine(folder, "vocab.json"));
            config = ModelConfig.ForExport(Path.Combine(folder, "config.json"), vocabulary);
            var source = SentencePieceVocabulary.Load(Path.Combine(folder, "source.spm"), vocabulary, []);
            encoder = new MarianSourceEncoder(context.Backbone.OpenModel(Path.Combine(folder, "encoder_model.onnx")), source, config);
            target = SentencePieceVocabulary.Load(Path.Combine(folder, "target.spm"), vocabulary, [config.Start, config.End, config.Pad]);
        }

        var decoder = new DecoderModel(context.Backbone.OpenModel(decoderPath), config.Heads, config.HeadDim);
        Log.PairLoaded(context.Logger, pair.Pair, pair.MarianPath is null ? "head" : "export", decoderPath, decoder.Layers, decoder.Heads, decoder.HeadDim);
        var queue = new GenerationQueue(decoder, new SpecialTokens(config.Start, config.End, config.Pad), settings.MaxBatchSentences, context.Logger);
        return new Translator(pair.Pair, encoder, target, queue, config.MaxTargetPositions);
    }

    // Marian exports map SentencePiece pieces to their own ids; T5 exports have no vocab.json and use the model's ids.
    private static Dictionary<string, int>? ReadVocabulary(string path) =>
        File.Exists(path) ? JsonSerializer.Deserialize<Dictionary<string, int>>(File.ReadAllText(path)) : null;
}
