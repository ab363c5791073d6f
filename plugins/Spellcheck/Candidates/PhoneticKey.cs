using System.Text;

namespace NlpHost.Tasks.Spellcheck.Candidates;

/// <summary>
/// A sound-alike key in the spirit of Metaphone (and of aspell's "soundslike"): inner vowels dropped, letters that
/// sound the same merged (ph/f, c/k/q, soft c/s, soft g/j, sh/ch/tion/x, th/0, v/f, z/s), silent letters and
/// doubles removed. "nolege" and "knowledge" both become "NLJ"; misspellings far beyond two edits that
/// sound right are found through it.
/// </summary>
internal static class PhoneticKey
{
    public static string Of(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        var w = word.AsSpan();
        var key = new StringBuilder(w.Length);
        var i = SilentStart(w);
        if (i < w.Length && IsVowel(w[i]))
        {
            key.Append('A');
            i++;
        }

        for (; i < w.Length; i++)
        {
            var c = w[i];
            var next = At(w, i + 1);
            if (c == 'q' && next == 'u')
            {
                Append(key, 'K');
                Append(key, 'W');
                i++;
                continue;
            }

            var code = c switch
            {
                'a' or 'e' or 'i' or 'o' or 'u' => '\0',
                'c' when next == 'h' => Skip(ref i, 'X'),
                'c' when next is 'e' or 'i' or 'y' => 'S',
                'c' or 'k' or 'q' => 'K',
                'd' when next == 'g' && At(w, i + 2) is 'e' or 'i' or 'y' => 'J',
                'd' => 'T',
                'g' when next == 'h' => Skip(ref i, IsVowel(At(w, i + 2)) ? 'K' : '\0'),
                'g' when next == 'n' => '\0',
                'g' when next is 'e' or 'i' or 'y' => 'J',
                'g' => 'K',
                'h' => IsVowel(next) && !IsVowel(At(w, i - 1)) && i == 0 ? 'H' : '\0',
                'p' when next == 'h' => Skip(ref i, 'F'),
                's' when next == 'h' => Skip(ref i, 'X'),
                's' or 't' when next == 'i' && At(w, i + 2) is 'o' or 'a' => 'X',
                't' when next == 'h' => Skip(ref i, '0'),
                't' when next == 'c' && At(w, i + 2) == 'h' => '\0',
                'v' => 'F',
                'w' or 'y' => IsVowel(next) ? char.ToUpperInvariant(c) : '\0',
                'x' => 'S',
                'z' => 'S',
                '\'' or '-' => '\0',
                _ => char.ToUpperInvariant(c),
            };
            if (c == 'x')
            {
                Append(key, 'K');
            }

            if (code != '\0')
            {
                Append(key, code);
            }
        }

        return key.ToString();
    }

    // kn, gn, pn, wr, ps: the first letter is not heard.
    private static int SilentStart(ReadOnlySpan<char> w) =>
        w.Length > 1 && (w[..2] is "kn" or "gn" or "pn" or "wr" or "ps") ? 1 : 0;

    private static char Skip(ref int i, char code)
    {
        i++;
        return code;
    }

    private static void Append(StringBuilder key, char code)
    {
        if (key.Length == 0 || key[^1] != code)
        {
            key.Append(code);
        }
    }

    private static char At(ReadOnlySpan<char> w, int i) => i >= 0 && i < w.Length ? w[i] : '\0';

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u' or 'y';
}
