using System.Buffers;
using System.Numerics.Tensors;
using NlpHost.Tasks.Summarize.Text;

namespace NlpHost.Tasks.Summarize.Scoring;

/// <summary>
/// What the salience head reads for one sentence: its embedding followed by <see cref="ExtraCount"/> document-level
/// features. The training dump (training/summarize/DumpFeatures.cs) calls the same code, so the head sees at
/// run time exactly what it was trained on. The features after <c>textrank</c> are relative to the document (ranks,
/// shares, similarity to its lead) so they mean the same in a 5-sentence e-mail and a 60-sentence article.
/// </summary>
internal static class SentenceFeatures
{
    public static readonly string[] ExtraNames =
    [
        "lexrank", "relative_position", "inverse_position", "is_first", "paragraph_position", "first_in_paragraph",
        "title_similarity", "has_title", "centroid_similarity", "words_over_40", "sentences_over_50", "textrank",
        "lead_similarity", "position_in_paragraph", "lexrank_rank", "textrank_rank", "relative_length", "log_document_words",
        "has_quote", "is_question",
    ];

    private const int LeadSentences = 3;
    private static readonly SearchValues<char> Quotes = SearchValues.Create("\"\u201c\u201d\u201e\u00ab\u00bb");

    public static int ExtraCount => ExtraNames.Length;

    /// <summary>One row per candidate: embedding, then the extras in <see cref="ExtraNames"/> order.</summary>
    public static float[][] Build(string text, IReadOnlyList<Sentence> candidates, IReadOnlyList<float[]> embeddings, double[] lexRank, double[] textRank, float[]? title)
    {
        var n = candidates.Count;
        var width = embeddings[0].Length;
        var centroid = Centroid(embeddings);
        var lead = Centroid([.. embeddings.Take(LeadSentences)]);
        var paragraphs = Math.Max(1, candidates[^1].Paragraph - candidates[0].Paragraph + 1);
        var words = candidates.Select(c => Word.Count(text.AsSpan(c.Start, c.Length))).ToArray();
        var meanWords = Math.Max(1.0, words.Average());
        var (lexRanks, textRanks) = (Ranks(lexRank), Ranks(textRank));
        var rows = new float[n][];
        for (var i = 0; i < n; i++)
        {
            var row = new float[width + ExtraCount];
            embeddings[i].CopyTo(row, 0);
            var sentence = text.AsSpan(candidates[i].Start, candidates[i].Length);
            var firstInParagraph = i == 0 || candidates[i - 1].Paragraph != candidates[i].Paragraph;
            float[] extras =
            [
                (float)lexRank[i],
                n > 1 ? (float)i / (n - 1) : 0f,
                1f / (i + 1),
                i == 0 ? 1f : 0f,
                (float)(candidates[i].Paragraph - candidates[0].Paragraph) / paragraphs,
                firstInParagraph ? 1f : 0f,
                title is null ? 0f : TensorPrimitives.Dot(embeddings[i], title),
                title is null ? 0f : 1f,
                TensorPrimitives.Dot(embeddings[i], centroid),
                words[i] / 40f,
                n / 50f,
                (float)textRank[i],
                TensorPrimitives.Dot(embeddings[i], lead),
                PositionInParagraph(candidates, i),
                lexRanks[i],
                textRanks[i],
                (float)(words[i] / meanWords),
                (float)(Math.Log(1 + words.Sum()) / Math.Log(1000)),
                sentence.IndexOfAny(Quotes) >= 0 ? 1f : 0f,
                sentence.TrimEnd("\"'\u201d\u2019)").EndsWith("?") ? 1f : 0f,
            ];
            extras.CopyTo(row, width);
            rows[i] = row;
        }

        return rows;
    }

    /// <summary>The normalised mean embedding: what the document (or its lead) is about overall.</summary>
    public static float[] Centroid(IReadOnlyList<float[]> embeddings)
    {
        var centroid = new float[embeddings[0].Length];
        foreach (var e in embeddings)
        {
            TensorPrimitives.Add(centroid, e, centroid);
        }

        var norm = TensorPrimitives.Norm(centroid);
        if (norm > 0)
        {
            TensorPrimitives.Divide(centroid, norm, centroid);
        }

        return centroid;
    }

    // 0 for the highest score, 1 for the lowest: a centrality that does not depend on how many sentences there are.
    private static float[] Ranks(double[] scores)
    {
        var ranks = new float[scores.Length];
        var order = Enumerable.Range(0, scores.Length).OrderByDescending(i => scores[i]).ThenBy(i => i).ToArray();
        for (var r = 0; r < order.Length; r++)
        {
            ranks[order[r]] = order.Length > 1 ? (float)r / (order.Length - 1) : 0f;
        }

        return ranks;
    }

    // 0 for a paragraph's first sentence, 1 for its last (0 when alone).
    private static float PositionInParagraph(IReadOnlyList<Sentence> candidates, int i)
    {
        var (first, last) = (i, i);
        while (first > 0 && candidates[first - 1].Paragraph == candidates[i].Paragraph)
        {
            first--;
        }

        while (last < candidates.Count - 1 && candidates[last + 1].Paragraph == candidates[i].Paragraph)
        {
            last++;
        }

        return last > first ? (float)(i - first) / (last - first) : 0f;
    }
}
