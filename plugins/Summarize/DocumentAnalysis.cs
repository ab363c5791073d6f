using NlpHost.Tasks.Summarize.Text;

namespace NlpHost.Tasks.Summarize;

/// <summary>A document ready for scoring: its sentences, the candidates for the summary and what the backbone made of them.</summary>
/// <param name="Text">The original text; every offset indexes it.</param>
/// <param name="Sentences">Every segment found, headings included.</param>
/// <param name="Candidates">The sentences that may be chosen (headings excluded, capped for very long documents).</param>
/// <param name="Title">The given title, else a leading heading, else null.</param>
/// <param name="Similarity">Pairwise cosine similarity of the candidates.</param>
/// <param name="LexRank">Centrality of each candidate over embedding similarity (1 = average).</param>
/// <param name="TextRank">Centrality of each candidate over word overlap (1 = average).</param>
/// <param name="TitleSimilarity">Cosine similarity of each candidate to the title, when there is one.</param>
/// <param name="Features">Each candidate's row for the salience head.</param>
internal sealed record DocumentAnalysis(
    string Text,
    IReadOnlyList<Sentence> Sentences,
    IReadOnlyList<Sentence> Candidates,
    string? Title,
    float[][] Similarity,
    double[] LexRank,
    double[] TextRank,
    float[]? TitleSimilarity,
    float[][] Features)
{
    public int[] Words() => [.. Candidates.Select(c => Word.Count(Text.AsSpan(c.Start, c.Length)))];
}
