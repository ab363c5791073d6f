namespace NlpHost.Tasks.Spellcheck.Candidates;

/// <summary>
/// The channel of the noisy-channel ranking: a weighted OSA alignment cost of typing <c>typed</c> when meaning
/// <c>intended</c>. Edits people make often cost less than one: a vowel for a vowel, a doubled or undoubled letter,
/// a swap of neighbours, sound-alike consonants, a dropped apostrophe. The weights are hand-set from those
/// well-known error classes, not fitted to the evaluation sets.
/// </summary>
internal static class ErrorModel
{
    public const double Vowel = 0.55;
    public const double Doubling = 0.45;
    public const double Swap = 0.7;
    public const double SoundAlike = 0.65;
    public const double Apostrophe = 0.2;

    public static double Cost(ReadOnlySpan<char> typed, ReadOnlySpan<char> intended)
    {
        var width = intended.Length + 1;
        Span<double> buffer = width * 3 <= 384 ? stackalloc double[width * 3] : new double[width * 3];
        var before = buffer[..width];
        var previous = buffer.Slice(width, width);
        var current = buffer.Slice(2 * width, width);
        previous[0] = 0;
        for (var j = 1; j < width; j++)
        {
            previous[j] = previous[j - 1] + Insertion(intended, j - 1);
        }

        for (var i = 1; i <= typed.Length; i++)
        {
            current[0] = previous[0] + Deletion(typed, i - 1);
            for (var j = 1; j < width; j++)
            {
                var t = typed[i - 1];
                var w = intended[j - 1];
                var value = Math.Min(
                    previous[j - 1] + (t == w ? 0 : Substitution(t, w)),
                    Math.Min(previous[j] + Deletion(typed, i - 1), current[j - 1] + Insertion(intended, j - 1)));
                if (i > 1 && j > 1 && t == intended[j - 2] && typed[i - 2] == w)
                {
                    value = Math.Min(value, before[j - 2] + Swap);
                }

                current[j] = value;
            }

            var recycled = before;
            before = previous;
            previous = current;
            current = recycled;
        }

        return previous[intended.Length];
    }

    // An extra letter in what was typed (typed[index] has no counterpart).
    private static double Deletion(ReadOnlySpan<char> typed, int index) => typed[index] switch
    {
        '\'' => Apostrophe,
        _ when IsDoubled(typed, index) => Doubling,
        _ => 1,
    };

    // A letter of the intended word left out.
    private static double Insertion(ReadOnlySpan<char> intended, int index) => intended[index] switch
    {
        '\'' => Apostrophe,
        _ when IsDoubled(intended, index) => Doubling,
        _ => 1,
    };

    private static bool IsDoubled(ReadOnlySpan<char> word, int index) =>
        (index > 0 && word[index - 1] == word[index]) || (index + 1 < word.Length && word[index + 1] == word[index]);

    private static double Substitution(char typed, char intended) =>
        IsVowel(typed) && IsVowel(intended) ? Vowel
        : SoundsAlike(typed, intended) ? SoundAlike
        : 1;

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u' or 'y';

    private static bool SoundsAlike(char a, char b) => (a, b) switch
    {
        ('c', 'k') or ('k', 'c') or ('c', 's') or ('s', 'c') or ('s', 'z') or ('z', 's') => true,
        ('f', 'v') or ('v', 'f') or ('g', 'j') or ('j', 'g') or ('m', 'n') or ('n', 'm') => true,
        ('d', 't') or ('t', 'd') or ('b', 'p') or ('p', 'b') or ('c', 'q') or ('q', 'c') => true,
        _ => false,
    };
}
