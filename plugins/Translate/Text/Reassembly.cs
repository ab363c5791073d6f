using System.Text;
using NlpHost.Tasks.Sdk.Text;

namespace NlpHost.Tasks.Translate.Text;

/// <summary>
/// Puts translated sentences back where their sources stood. Sentences come from the SDK's segmenter line by line
/// (<see cref="SegmenterOptions.Lines"/>), so what lies between two of them is whitespace, kept verbatim: paragraphs,
/// line breaks and indentation survive translation.
/// </summary>
internal static class Reassembly
{
    public static List<Sentence> Split(string text) => SentenceSegmenter.Split(text, SegmenterOptions.Lines);

    /// <summary>Joins translated sentences with the original text between their sources.</summary>
    public static string Join(string source, IReadOnlyList<Sentence> spans, IReadOnlyList<string> translations)
    {
        var result = new StringBuilder(source.Length + 16);
        var previousEnd = 0;
        for (var i = 0; i < spans.Count; i++)
        {
            result.Append(source, previousEnd, spans[i].Start - previousEnd).Append(translations[i]);
            previousEnd = spans[i].End;
        }

        return result.Append(source, previousEnd, source.Length - previousEnd).ToString();
    }
}
