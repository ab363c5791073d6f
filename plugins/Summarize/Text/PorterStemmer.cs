using System.Collections.Frozen;

namespace NlpHost.Tasks.Summarize.Text;

/// <summary>
/// The Porter stemmer as NLTK's <c>PorterStemmer()</c> runs it by default (mode <c>NLTK_EXTENSIONS</c>), which is what
/// Google's rouge-score uses with <c>use_stemmer=True</c>. A line-by-line port of nltk/stem/porter.py (NLTK 3.8),
/// quirks included (the irregular forms, "ies"/"ied" on 4-letter words, the 2-letter *o rule, "alli" recursion, and
/// "logi" measured without "ogi"), so ROUGE figures match the Python package. Input is expected lower-case.
/// </summary>
internal static class PorterStemmer
{
    private delegate bool Condition(string stem);

    private static readonly FrozenDictionary<string, string> Irregular = new Dictionary<string, string>
    {
        ["sky"] = "sky", ["skies"] = "sky", ["dying"] = "die", ["lying"] = "lie", ["tying"] = "tie", ["news"] = "news",
        ["innings"] = "inning", ["inning"] = "inning", ["outings"] = "outing", ["outing"] = "outing",
        ["cannings"] = "canning", ["canning"] = "canning", ["howe"] = "howe", ["proceed"] = "proceed",
        ["exceed"] = "exceed", ["succeed"] = "succeed",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly (string Suffix, string Replacement, Condition? Condition)[] Step2Rules =
    [
        ("ational", "ate", Positive), ("tional", "tion", Positive), ("enci", "ence", Positive), ("anci", "ance", Positive),
        ("izer", "ize", Positive), ("bli", "ble", Positive), ("alli", "al", Positive), ("entli", "ent", Positive),
        ("eli", "e", Positive), ("ousli", "ous", Positive), ("ization", "ize", Positive), ("ation", "ate", Positive),
        ("ator", "ate", Positive), ("alism", "al", Positive), ("iveness", "ive", Positive), ("fulness", "ful", Positive),
        ("ousness", "ous", Positive), ("aliti", "al", Positive), ("iviti", "ive", Positive), ("biliti", "ble", Positive),
        ("fulli", "ful", Positive),
    ];

    private static readonly (string Suffix, string Replacement, Condition? Condition)[] Step3Rules =
    [
        ("icate", "ic", Positive), ("ative", "", Positive), ("alize", "al", Positive), ("iciti", "ic", Positive),
        ("ical", "ic", Positive), ("ful", "", Positive), ("ness", "", Positive),
    ];

    private static readonly (string Suffix, string Replacement, Condition? Condition)[] Step4Rules =
    [
        ("al", "", Above1), ("ance", "", Above1), ("ence", "", Above1), ("er", "", Above1), ("ic", "", Above1),
        ("able", "", Above1), ("ible", "", Above1), ("ant", "", Above1), ("ement", "", Above1), ("ment", "", Above1),
        ("ent", "", Above1), ("ion", "", s => Measure(s) > 1 && s[^1] is 's' or 't'), ("ou", "", Above1),
        ("ism", "", Above1), ("ate", "", Above1), ("iti", "", Above1), ("ous", "", Above1), ("ive", "", Above1),
        ("ize", "", Above1),
    ];

    public static string Stem(string word)
    {
        if (Irregular.TryGetValue(word, out var irregular))
        {
            return irregular;
        }

        if (word.Length <= 2)
        {
            return word;
        }

        var stem = Step1A(word);
        stem = Step1B(stem);
        stem = Apply(stem, [("y", "i", s => s.Length > 1 && IsConsonant(s, s.Length - 1))]);
        stem = Step2(stem);
        stem = Apply(stem, Step3Rules);
        stem = Apply(stem, Step4Rules);
        stem = Step5A(stem);
        return stem.EndsWith("ll", StringComparison.Ordinal) && Measure(stem[..^1]) > 1 ? stem[..^1] : stem;
    }

    private static string Step1A(string word) =>
        word.EndsWith("ies", StringComparison.Ordinal) && word.Length == 4
            ? word[..^3] + "ie"
            : Apply(word, [("sses", "ss", null), ("ies", "i", null), ("ss", "ss", null), ("s", "", null)]);

    private static string Step1B(string word)
    {
        if (word.EndsWith("ied", StringComparison.Ordinal))
        {
            return word[..^3] + (word.Length == 4 ? "ie" : "i");
        }

        if (word.EndsWith("eed", StringComparison.Ordinal))
        {
            return Measure(word[..^3]) > 0 ? word[..^3] + "ee" : word;
        }

        string? stem = null;
        foreach (var suffix in (ReadOnlySpan<string>)["ed", "ing"])
        {
            if (word.EndsWith(suffix, StringComparison.Ordinal) && ContainsVowel(word[..^suffix.Length]))
            {
                stem = word[..^suffix.Length];
                break;
            }
        }

        if (stem is null)
        {
            return word;
        }

        if (stem.EndsWith("at", StringComparison.Ordinal) || stem.EndsWith("bl", StringComparison.Ordinal) || stem.EndsWith("iz", StringComparison.Ordinal))
        {
            return stem + "e";
        }

        if (EndsDoubleConsonant(stem))
        {
            return stem[^1] is 'l' or 's' or 'z' ? stem : stem[..^1];
        }

        return Measure(stem) == 1 && EndsCvc(stem) ? stem + "e" : stem;
    }

    private static string Step2(string word)
    {
        if (word.EndsWith("alli", StringComparison.Ordinal) && Positive(word[..^4]))
        {
            return Step2(word[..^4] + "al");
        }

        var result = Apply(word, Step2Rules, out var matched);
        // NLTK appends "logi" last, and its condition measures the word without "ogi" rather than without the suffix.
        return !matched && word.EndsWith("logi", StringComparison.Ordinal) && Positive(word[..^3]) ? word[..^1] : result;
    }

    private static string Step5A(string word)
    {
        if (!word.EndsWith('e'))
        {
            return word;
        }

        var stem = word[..^1];
        var m = Measure(stem);
        return m > 1 || (m == 1 && !EndsCvc(stem)) ? stem : word;
    }

    private static string Apply(string word, ReadOnlySpan<(string Suffix, string Replacement, Condition? Condition)> rules) =>
        Apply(word, rules, out _);

    // The first rule whose suffix matches decides: applied when its condition holds, else the word is kept as is.
    private static string Apply(string word, ReadOnlySpan<(string Suffix, string Replacement, Condition? Condition)> rules, out bool matched)
    {
        foreach (var (suffix, replacement, condition) in rules)
        {
            if (word.EndsWith(suffix, StringComparison.Ordinal))
            {
                matched = true;
                var stem = word[..^suffix.Length];
                return condition is null || condition(stem) ? stem + replacement : word;
            }
        }

        matched = false;
        return word;
    }

    private static bool Positive(string stem) => Measure(stem) > 0;

    private static bool Above1(string stem) => Measure(stem) > 1;

    private static bool IsConsonant(string word, int i) => word[i] switch
    {
        'a' or 'e' or 'i' or 'o' or 'u' => false,
        'y' => i == 0 || !IsConsonant(word, i - 1),
        _ => true,
    };

    // m in [C](VC){m}[V]: the number of vowel-to-consonant transitions.
    private static int Measure(string stem)
    {
        var m = 0;
        for (var i = 1; i < stem.Length; i++)
        {
            if (!IsConsonant(stem, i - 1) && IsConsonant(stem, i))
            {
                m++;
            }
        }

        return m;
    }

    private static bool ContainsVowel(string stem)
    {
        for (var i = 0; i < stem.Length; i++)
        {
            if (!IsConsonant(stem, i))
            {
                return true;
            }
        }

        return false;
    }

    private static bool EndsDoubleConsonant(string word) => word.Length >= 2 && word[^1] == word[^2] && IsConsonant(word, word.Length - 1);

    private static bool EndsCvc(string word) =>
        (word.Length >= 3 && IsConsonant(word, word.Length - 3) && !IsConsonant(word, word.Length - 2) && IsConsonant(word, word.Length - 1) && word[^1] is not ('w' or 'x' or 'y'))
        || (word.Length == 2 && !IsConsonant(word, 0) && IsConsonant(word, 1));
}
