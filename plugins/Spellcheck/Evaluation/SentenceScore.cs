namespace NlpHost.Tasks.Spellcheck.Evaluation;

/// <summary>
/// Word-level counts for a corrected sentence against the meant one, word by word between spaces: an error is a
/// word written differently from the meant word; it is fixed when the output has the meant word there; a false
/// alarm is a word written right that the output changed. When the output has another number of words (a split
/// or join), its errors count as not fixed and it counts one false alarm.
/// </summary>
internal readonly record struct SentenceScore(int Words, int Errors, int Fixed, int FalseAlarms, bool Exact)
{
    public static SentenceScore Of(string wrong, string right, string output)
    {
        var w = wrong.Split(' ');
        var r = right.Split(' ');
        var o = output.Split(' ');
        if (w.Length != r.Length)
        {
            return new SentenceScore(r.Length, 0, 0, 0, output == right);
        }

        var errors = w.Where((word, i) => word != r[i]).Count();
        if (o.Length != r.Length)
        {
            return new SentenceScore(r.Length, errors, 0, 1, false);
        }

        var fixedCount = 0;
        var alarms = 0;
        for (var i = 0; i < r.Length; i++)
        {
            if (w[i] != r[i] && o[i] == r[i])
            {
                fixedCount++;
            }
            else if (w[i] == r[i] && o[i] != r[i])
            {
                alarms++;
            }
        }

        return new SentenceScore(r.Length, errors, fixedCount, alarms, output == right);
    }
}
