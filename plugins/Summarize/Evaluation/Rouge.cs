using NlpHost.Tasks.Summarize.Text;

namespace NlpHost.Tasks.Summarize.Evaluation;

/// <summary>
/// ROUGE-1, ROUGE-2 and ROUGE-L F1 with Google rouge-score semantics (<c>RougeScorer(["rouge1","rouge2","rougeL"],
/// use_stemmer=True)</c>): lower-case, every run of characters other than [a-z0-9] is a separator, tokens longer
/// than 3 characters are Porter-stemmed (NLTK), ROUGE-L is the LCS of the whole token sequences (not summary-level).
/// </summary>
internal static class Rouge
{
    public readonly record struct Scores(double Rouge1, double Rouge2, double RougeL);

    public static Scores Score(string reference, string prediction) => Score(Tokenize(reference), Tokenize(prediction));

    public static Scores Score(IReadOnlyList<string> reference, IReadOnlyList<string> prediction) =>
        new(NGram(reference, prediction, 1), NGram(reference, prediction, 2), Lcs(reference, prediction));

    /// <summary>The words ROUGE compares (<see cref="StemmedWords"/>).</summary>
    public static List<string> Tokenize(string text) => StemmedWords.Of(text);

    public static double NGram(IReadOnlyList<string> reference, IReadOnlyList<string> prediction, int n)
    {
        var target = Counts(reference, n);
        var predicted = Counts(prediction, n);
        var overlap = 0;
        foreach (var (gram, count) in target)
        {
            overlap += Math.Min(count, predicted.GetValueOrDefault(gram));
        }

        var precision = (double)overlap / Math.Max(predicted.Values.Sum(), 1);
        var recall = (double)overlap / Math.Max(target.Values.Sum(), 1);
        return F1(precision, recall);
    }

    public static double Lcs(IReadOnlyList<string> reference, IReadOnlyList<string> prediction)
    {
        if (reference.Count == 0 || prediction.Count == 0)
        {
            return 0;
        }

        var lcs = LcsLength(reference, prediction);
        return F1((double)lcs / prediction.Count, (double)lcs / reference.Count);
    }

    private static int LcsLength(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        var previous = new int[b.Count + 1];
        var current = new int[b.Count + 1];
        for (var i = 1; i <= a.Count; i++)
        {
            for (var j = 1; j <= b.Count; j++)
            {
                current[j] = string.Equals(a[i - 1], b[j - 1], StringComparison.Ordinal) ? previous[j - 1] + 1 : Math.Max(previous[j], current[j - 1]);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Count];
    }

    private static Dictionary<string, int> Counts(IReadOnlyList<string> tokens, int n)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i + n <= tokens.Count; i++)
        {
            var gram = n == 1 ? tokens[i] : string.Join(' ', tokens.Skip(i).Take(n));
            counts[gram] = counts.GetValueOrDefault(gram) + 1;
        }

        return counts;
    }

    private static double F1(double precision, double recall) => precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
}
