using System.Globalization;
using System.Numerics;
using Microsoft.Extensions.Configuration;
using NlpHost.Abstractions.Plugins;

namespace NlpHost.Tasks.Summarization;

/// <summary>The <c>Plugins:summarize</c> section (defaults documented in appsettings.json and the plugin README).</summary>
internal sealed record SummarizerSettings
{
    /// <summary>Summary length when a job gives none; null = the highlights style (its length follows the document's).</summary>
    public int? DefaultSentences { get; init; }

    /// <summary>Most sentences scored per document: longer documents keep the first half of this and an even sample of the rest.</summary>
    public int MaxSentences { get; init; } = 256;

    /// <summary>MMR trade-off: 1 = relevance only, 0 = novelty only.</summary>
    public double MmrLambda { get; init; } = 0.85;

    /// <summary>A sentence at least this similar (cosine) to one already chosen is a restatement and never chosen.</summary>
    public double DuplicateSimilarity { get; init; } = 0.9;

    /// <summary>Use the salience head when it is installed; false = always the unsupervised scorer.</summary>
    public bool UseHead { get; init; } = true;

    /// <summary>Unsupervised scorer: weight of LexRank centrality (min-max normalised in the document).</summary>
    public double CentralityWeight { get; init; } = 1.0;

    /// <summary>Unsupervised scorer: weight of TextRank centrality over word overlap (min-max normalised).</summary>
    public double WordCentralityWeight { get; init; } = 3.0;

    /// <summary>Unsupervised scorer: weight of the position prior 1/sqrt(1 + index).</summary>
    public double PositionWeight { get; init; } = 0.25;

    /// <summary>Unsupervised scorer: weight of the cosine similarity to the title (when there is one).</summary>
    public double TitleWeight { get; init; } = 0.5;

    /// <summary>Unsupervised scorer: weight of sentence length, min(words, 40) / 40.</summary>
    public double LengthWeight { get; init; } = 1.0;

    public static SummarizerSettings From(IConfiguration section)
    {
        var defaults = new SummarizerSettings();
        return new SummarizerSettings
        {
            DefaultSentences = section[nameof(DefaultSentences)] is null ? defaults.DefaultSentences : Read(section, nameof(DefaultSentences), 0, 1, 1000),
            MaxSentences = Read(section, nameof(MaxSentences), defaults.MaxSentences, 2, 100_000),
            MmrLambda = Read(section, nameof(MmrLambda), defaults.MmrLambda, 0, 1),
            DuplicateSimilarity = Read(section, nameof(DuplicateSimilarity), defaults.DuplicateSimilarity, 0, 1.01),
            UseHead = ReadFlag(section, nameof(UseHead), defaults.UseHead),
            CentralityWeight = Read(section, nameof(CentralityWeight), defaults.CentralityWeight, 0, 100),
            WordCentralityWeight = Read(section, nameof(WordCentralityWeight), defaults.WordCentralityWeight, 0, 100),
            PositionWeight = Read(section, nameof(PositionWeight), defaults.PositionWeight, 0, 100),
            TitleWeight = Read(section, nameof(TitleWeight), defaults.TitleWeight, 0, 100),
            LengthWeight = Read(section, nameof(LengthWeight), defaults.LengthWeight, 0, 100),
        };
    }

    private static bool ReadFlag(IConfiguration section, string key, bool fallback) => section[key] switch
    {
        null => fallback,
        var raw when bool.TryParse(raw, out var flag) => flag,
        var raw => throw new TaskInputException($"Plugins:summarize:{key}", $"'{raw}' is not true or false"),
    };

    private static T Read<T>(IConfiguration section, string key, T fallback, T min, T max)
        where T : struct, INumber<T>
    {
        var raw = section[key];
        if (raw is null)
        {
            return fallback;
        }

        if (!T.TryParse(raw, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new TaskInputException($"Plugins:summarize:{key}", $"'{raw}' is not a number in {min}..{max}");
        }

        return value;
    }
}
