using System.ComponentModel.DataAnnotations;

namespace NlpHost.Tasks.Summarize;

/// <summary>
/// The <c>Plugins:summarize</c> section, bound and validated by the host; each default is stated here once (and documented
/// in appsettings.json and the plugin README).
/// </summary>
internal sealed record SummarizeSettings
{
    /// <summary>Summary length when a job gives none; null = the highlights style (its length follows the document's).</summary>
    [Range(1, 1000)]
    public int? DefaultSentences { get; set; }

    /// <summary>Most sentences scored per document: longer documents keep the first half of this and an even sample of the rest.</summary>
    [Range(2, 100_000)]
    public int MaxSentences { get; set; } = 256;

    /// <summary>MMR trade-off: 1 = relevance only, 0 = novelty only.</summary>
    [Range(0.0, 1.0)]
    public double MmrLambda { get; set; } = 0.85;

    /// <summary>A sentence at least this similar (cosine) to one already chosen is a restatement and never chosen.</summary>
    [Range(0.0, 1.01)]
    public double DuplicateSimilarity { get; set; } = 0.9;

    /// <summary>Use the salience head when it is installed; false = always the unsupervised scorer.</summary>
    public bool UseHead { get; set; } = true;

    /// <summary>Unsupervised scorer: weight of LexRank centrality (min-max normalised in the document).</summary>
    [Range(0.0, 100.0)]
    public double CentralityWeight { get; set; } = 1.0;

    /// <summary>Unsupervised scorer: weight of TextRank centrality over word overlap (min-max normalised).</summary>
    [Range(0.0, 100.0)]
    public double WordCentralityWeight { get; set; } = 3.0;

    /// <summary>Unsupervised scorer: weight of the position prior 1/sqrt(1 + index).</summary>
    [Range(0.0, 100.0)]
    public double PositionWeight { get; set; } = 0.25;

    /// <summary>Unsupervised scorer: weight of the cosine similarity to the title (when there is one).</summary>
    [Range(0.0, 100.0)]
    public double TitleWeight { get; set; } = 0.5;

    /// <summary>Unsupervised scorer: weight of sentence length, min(words, 40) / 40.</summary>
    [Range(0.0, 100.0)]
    public double LengthWeight { get; set; } = 1.0;
}
