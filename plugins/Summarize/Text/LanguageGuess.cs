using System.Collections.Frozen;

namespace NlpHost.Tasks.Summarize.Text;

/// <summary>
/// A cheap guess at a document's language: the dominant script, then, for Latin script, which language's commonest
/// function words occur most. Enough to say "this is German, and the backbone is English" — not a language identifier
/// for short or mixed texts (fewer than <see cref="MinimumHits"/> function words gives "und", undetermined).
/// </summary>
internal static class LanguageGuess
{
    public const string English = "en";
    public const string Undetermined = "und";
    private const int MinimumHits = 2;
    private const int MaxChars = 20_000;

    // The ~20 commonest short function words of each language, chosen to overlap little (no "a", "de", "la" twice where avoidable).
    private static readonly (string Code, FrozenSet<string> Words)[] Latin =
    [
        (English, Set("the", "and", "of", "to", "is", "was", "that", "for", "with", "on", "are", "it", "he", "she", "they", "have", "has", "this", "from", "said", "by", "be")),
        ("de", Set("der", "die", "das", "und", "ist", "nicht", "ein", "eine", "mit", "den", "dem", "auf", "sich", "auch", "wird", "von", "zu", "für", "sie", "wurde", "im", "des")),
        ("fr", Set("le", "les", "et", "est", "une", "des", "du", "dans", "pour", "qui", "que", "pas", "sur", "avec", "il", "elle", "au", "aux", "sont", "cette", "été")),
        ("es", Set("el", "los", "las", "y", "es", "una", "del", "por", "con", "para", "que", "se", "su", "al", "como", "pero", "más", "fue", "está", "también")),
        ("it", Set("il", "gli", "della", "che", "è", "una", "per", "con", "non", "sono", "del", "nel", "alla", "anche", "più", "questo", "stato", "dei")),
        ("pt", Set("os", "as", "uma", "não", "com", "para", "do", "da", "dos", "das", "em", "foi", "são", "mais", "pelo", "pela", "também", "ao")),
        ("nl", Set("de", "het", "een", "en", "van", "niet", "zijn", "voor", "met", "op", "dat", "ook", "maar", "wordt", "werd", "naar", "bij", "er")),
    ];

    /// <summary>An ISO 639-1 code, or <see cref="Undetermined"/>.</summary>
    public static string Of(string text)
    {
        var sample = text.AsSpan(0, Math.Min(text.Length, MaxChars));
        var (latin, other) = (0, new Dictionary<string, int>());
        foreach (var c in sample)
        {
            if (!char.IsLetter(c))
            {
                continue;
            }

            if (c < '\u0250')
            {
                latin++;
            }
            else if (Script(c) is { } script)
            {
                other[script] = other.GetValueOrDefault(script) + 1;
            }
        }

        var top = other.OrderByDescending(p => p.Value).FirstOrDefault();
        if (top.Value > latin)
        {
            // Han without kana is Chinese; kana is Japanese even among Han characters.
            return top.Key == "zh" && other.GetValueOrDefault("ja") > 0 ? "ja" : top.Key;
        }

        return latin == 0 ? Undetermined : ByFunctionWords(sample);
    }

    private static string ByFunctionWords(ReadOnlySpan<char> text)
    {
        var hits = new int[Latin.Length];
        foreach (var range in text.SplitAny(" \t\r\n.,;:!?\"'()[]«»„“”‘’-"))
        {
            var word = text[range];
            if (word.IsEmpty || word.Length > 8)
            {
                continue;
            }

            for (var l = 0; l < Latin.Length; l++)
            {
                if (Latin[l].Words.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word))
                {
                    hits[l]++;
                }
            }
        }

        var best = Array.IndexOf(hits, hits.Max());
        return hits[best] >= MinimumHits ? Latin[best].Code : Undetermined;
    }

    private static string? Script(char c) => c switch
    {
        >= '\u0370' and <= '\u03ff' => "el",
        >= '\u0400' and <= '\u04ff' => "ru",
        >= '\u0590' and <= '\u05ff' => "he",
        >= '\u0600' and <= '\u06ff' => "ar",
        >= '\u0900' and <= '\u097f' => "hi",
        >= '\u0e00' and <= '\u0e7f' => "th",
        >= '\u3040' and <= '\u30ff' => "ja",
        >= '\u4e00' and <= '\u9fff' => "zh",
        >= '\uac00' and <= '\ud7af' => "ko",
        _ => null,
    };

    private static FrozenSet<string> Set(params string[] words) => words.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
}
