using System.Globalization;
using Microsoft.Extensions.Configuration;
using NlpHost.Abstractions.Plugins;

namespace NlpHost.Tasks.Translation.Configuration;

/// <summary>Where one language pair's model lives: the task's decoder head, another head folder, or a Marian export.</summary>
/// <param name="Pair"><c>source-target</c>, e.g. <c>en-es</c>.</param>
/// <param name="HeadPath">A folder with <c>decoder_model_merged.onnx</c> and <c>target.spm</c>; <see langword="null"/> with no
/// <paramref name="MarianPath"/> means the task's own <c>decoder</c> head.</param>
/// <param name="MarianPath">A folder with a Marian/T5 export in the Hugging Face optimum layout.</param>
internal sealed record PairSettings(string Pair, string? HeadPath, string? MarianPath);

/// <summary>
/// <c>Plugins:translate</c>, read by hand (the plugin has no configuration binder); every error names its key.
/// </summary>
internal sealed record TranslationSettings
{
    public const string DefaultPair = "en-es";

    public IReadOnlyDictionary<string, PairSettings> Pairs { get; init; } = new Dictionary<string, PairSettings>();

    public int BeamSize { get; init; } = 4;

    public int MaxLength { get; init; } = 256;

    public double MaxLengthRatio { get; init; } = 2.0;

    public int MaxLengthOffset { get; init; } = 10;

    public double LengthPenalty { get; init; } = 1.0;

    public int NoRepeatNgramSize { get; init; } = 3;

    public int MaxBatchSentences { get; init; } = 32;

    public double LowConfidence { get; init; } = 0.3;

    public static TranslationSettings Read(IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var pairs = new Dictionary<string, PairSettings>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in section.GetSection("Pairs").GetChildren())
        {
            var head = NullIfEmpty(pair["HeadPath"]);
            var marian = NullIfEmpty(pair["MarianPath"]);
            if (head is not null && marian is not null)
            {
                throw new InvalidOperationException($"Plugins:translate:Pairs:{pair.Key}: set HeadPath or MarianPath, not both");
            }

            if (pair.Key.Split('-') is not [{ Length: > 0 }, { Length: > 0 }])
            {
                throw new InvalidOperationException($"Plugins:translate:Pairs:{pair.Key}: a pair is named source-target, e.g. en-es");
            }

            pairs[pair.Key] = new PairSettings(pair.Key.ToLowerInvariant(), head, marian);
        }

        if (pairs.Count == 0)
        {
            pairs[DefaultPair] = new PairSettings(DefaultPair, null, null);
        }

        return new TranslationSettings
        {
            Pairs = pairs,
            BeamSize = Int(section, "BeamSize", 4, 1, 16),
            MaxLength = Int(section, "MaxLength", 256, 1, 1024),
            MaxLengthRatio = Double(section, "MaxLengthRatio", 2.0, 0.1, 10),
            MaxLengthOffset = Int(section, "MaxLengthOffset", 10, 0, 1024),
            LengthPenalty = Double(section, "LengthPenalty", 1.0, -5, 5),
            NoRepeatNgramSize = Int(section, "NoRepeatNgramSize", 3, 0, 16),
            MaxBatchSentences = Int(section, "MaxBatchSentences", 32, 1, 1024),
            LowConfidence = Double(section, "LowConfidence", 0.3, 0, 1),
        };
    }

    /// <summary>The configured pair for the job's options, or an input error that lists what is configured.</summary>
    public PairSettings Resolve(string source, string target)
    {
        var key = $"{source}-{target}";
        if (Pairs.TryGetValue(key, out var pair))
        {
            return pair;
        }

        var configured = string.Join(", ", Pairs.Keys.Order(StringComparer.Ordinal));
        var field = Pairs.Keys.Any(k => k.StartsWith(source + "-", StringComparison.OrdinalIgnoreCase)) ? "options.target" : "options.source";
        throw new TaskInputException(field, $"no translation pair '{key}' is configured; configured pairs: {configured} (Plugins:translate:Pairs)");
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static int Int(IConfiguration section, string key, int fallback, int min, int max) =>
        section[key] is not { } text ? fallback
        : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max ? v
        : throw new InvalidOperationException($"Plugins:translate:{key} must be an integer from {min} to {max}, got '{text}'");

    private static double Double(IConfiguration section, string key, double fallback, double min, double max) =>
        section[key] is not { } text ? fallback
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max ? v
        : throw new InvalidOperationException($"Plugins:translate:{key} must be a number from {min} to {max}, got '{text}'");
}
