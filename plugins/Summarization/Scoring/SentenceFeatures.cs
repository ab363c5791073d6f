using System.Numerics.Tensors;
using NlpHost.Tasks.Summarization.Text;

namespace NlpHost.Tasks.Summarization.Scoring;

/// <summary>
/// What the salience head reads for one sentence: its embedding followed by <see cref="ExtraCount"/> document-level
/// features. The training dump (training/summarization/DumpFeatures.cs) calls the same code, so the head sees at
/// run time exactly what it was trained on.
/// </summary>
internal static class SentenceFeatures
{
    public static readonly string[] ExtraNames =
    [
        "lexrank", "relative_position", "inverse_position", "is_first", "paragraph_position", "first_in_paragraph",
        "title_similarity", "has_title", "centroid_similarity", "words_over_40", "sentences_over_50", "textrank",
    ];

    public static int ExtraCount => ExtraNames.Length;

    /// <summary>One row per candidate: embedding, then the extras in <see cref="ExtraNames"/> order.</summary>
    public static float[][] Build(string text, IReadOnlyList<Sentence> candidates, IReadOnlyList<float[]> embeddings, double[] lexRank, double[] textRank, float[]? title)
    {
        var n = candidates.Count;
        var width = embeddings[0].Length;
        var centroid = Centroid(embeddings);
        var paragraphs = Math.Max(1, candidates[^1].Paragraph - candidates[0].Paragraph + 1);
        var rows = new float[n][];
        for (var i = 0; i < n; i++)
        {
            var row = new float[width + ExtraCount];
            embeddings[i].CopyTo(row, 0);
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
                Word.Count(text.AsSpan(candidates[i].Start, candidates[i].Length)) / 40f,
                n / 50f,
                (float)textRank[i],
            ];
            extras.CopyTo(row, width);
            rows[i] = row;
        }

        return rows;
    }

    /// <summary>The normalised mean embedding: what the document is about overall.</summary>
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
}
