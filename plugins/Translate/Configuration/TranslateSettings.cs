using System.ComponentModel.DataAnnotations;
using NlpHost.Abstractions.Plugins;

namespace NlpHost.Tasks.Translate.Configuration;

/// <summary>Where one language pair's model lives: the task's decoder head, another head folder, or a Marian export.</summary>
/// <param name="Pair"><c>source-target</c>, e.g. <c>en-es</c>.</param>
/// <param name="HeadPath">A folder with <c>decoder_model_merged.onnx</c> and <c>target.spm</c>; <see langword="null"/> with no
/// <paramref name="MarianPath"/> means the task's own <c>decoder</c> head.</param>
/// <param name="MarianPath">A folder with a Marian/T5 export in the Hugging Face optimum layout.</param>
internal sealed record PairSettings(string Pair, string? HeadPath, string? MarianPath);

/// <summary>One entry of <c>Plugins:translate:Pairs</c> as configured.</summary>
internal sealed class PairSection
{
    public string? HeadPath { get; set; }

    public string? MarianPath { get; set; }
}

/// <summary><c>Plugins:translate</c>, bound and validated by the host; each default is stated here once.</summary>
internal sealed class TranslateSettings : IValidatableObject
{
    public const string DefaultPair = "en-es";

    /// <summary>The configured pairs by <c>source-target</c>; none configured means <see cref="DefaultPair"/> on the decoder head.</summary>
    public Dictionary<string, PairSection> Pairs { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    [Range(1, 16)]
    public int BeamSize { get; set; } = 4;

    [Range(1, 1024)]
    public int MaxLength { get; set; } = 256;

    [Range(0.1, 10.0)]
    public double MaxLengthRatio { get; set; } = 2.0;

    [Range(0, 1024)]
    public int MaxLengthOffset { get; set; } = 10;

    [Range(-5.0, 5.0)]
    public double LengthPenalty { get; set; } = 1.0;

    [Range(0, 16)]
    public int NoRepeatNgramSize { get; set; } = 3;

    [Range(1, 1024)]
    public int MaxBatchSentences { get; set; } = 32;

    /// <summary>A sentence whose confidence is below this is flagged (<c>lowConfidence</c> and a warning).</summary>
    [Range(0.0, 1.0)]
    public double LowConfidence { get; set; } = 0.3;

    /// <summary>The configured pair for the job's options, or an input error that lists what is configured.</summary>
    public PairSettings Resolve(string source, string target)
    {
        var key = $"{source}-{target}";
        var pairs = Configured();
        if (pairs.TryGetValue(key.ToLowerInvariant(), out var pair))
        {
            return pair;
        }

        var configured = string.Join(", ", pairs.Keys.Order(StringComparer.Ordinal));
        var field = pairs.Keys.Any(k => k.StartsWith(source + "-", StringComparison.OrdinalIgnoreCase)) ? "options.target" : "options.source";
        throw new TaskInputException(field, $"no translation pair '{key}' is configured; configured pairs: {configured} (Plugins:translate:Pairs)");
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, pair) in Pairs)
        {
            if (NullIfEmpty(pair.HeadPath) is not null && NullIfEmpty(pair.MarianPath) is not null)
            {
                yield return new ValidationResult("set HeadPath or MarianPath, not both", [$"Pairs:{name}"]);
            }

            if (name.Split('-') is not [{ Length: > 0 }, { Length: > 0 }])
            {
                yield return new ValidationResult("a pair is named source-target, e.g. en-es", [$"Pairs:{name}"]);
            }
        }
    }

    private Dictionary<string, PairSettings> Configured() => Pairs.Count == 0
        ? new() { [DefaultPair] = new PairSettings(DefaultPair, null, null) }
        : Pairs.ToDictionary(p => p.Key.ToLowerInvariant(), p => new PairSettings(p.Key.ToLowerInvariant(), NullIfEmpty(p.Value.HeadPath), NullIfEmpty(p.Value.MarianPath)), StringComparer.Ordinal);

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
