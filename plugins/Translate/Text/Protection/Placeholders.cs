using System.Text.RegularExpressions;

namespace NlpHost.Tasks.Translate.Text.Protection;

/// <summary>
/// Stands in for addresses and code while a sentence is translated. A URL, an e-mail address or a code span is
/// unknown to a translation model: its word pieces come out rewritten or dropped ("visit https://example.org/docs"
/// became "ver con el ejemplo"). Each is replaced by a first name the decoder copies reliably (the training data is
/// full of them), in the same grammatical slot a name would take, and written back after decoding.
/// </summary>
internal static class Placeholders
{
    // Names the English-Spanish head copies unchanged (checked on the head's output); a name the sentence already
    // holds is skipped.
    private static readonly string[] Names = ["Tom", "Mary", "John", "Emily", "Ken", "Alice"];

    /// <summary>The sentence with each span replaced by a placeholder, and the placeholders with what they stand for.</summary>
    public static (string Text, IReadOnlyList<(string Placeholder, string Original)> Map) Mask(string sentence, IReadOnlyList<ProtectedSpan> spans)
    {
        var free = Names.Where(n => !Regex.IsMatch(sentence, $@"\b{n}\b")).ToList();
        var masked = spans.Where(s => s.Kind != SpanKind.Number).Take(free.Count).ToList();
        var map = masked.Select((s, i) => (free[i], s.Text)).ToList();
        var text = sentence;
        for (var i = masked.Count - 1; i >= 0; i--)
        {
            text = string.Concat(text.AsSpan(0, masked[i].Start), free[i], text.AsSpan(masked[i].Start + masked[i].Length));
        }

        return (text, map);
    }

    /// <summary>Writes each original back over its placeholder; the originals whose placeholder the output lost.</summary>
    public static (string Text, IReadOnlyList<string> Missing) Restore(string translation, IReadOnlyList<(string Placeholder, string Original)> map)
    {
        var missing = new List<string>();
        var text = translation;
        foreach (var (placeholder, original) in map)
        {
            var m = Regex.Match(text, $@"\b{placeholder}\b");
            if (m.Success)
            {
                text = string.Concat(text.AsSpan(0, m.Index), original, text.AsSpan(m.Index + m.Length));
            }
            else
            {
                missing.Add(original);
            }
        }

        return (text, missing);
    }
}
