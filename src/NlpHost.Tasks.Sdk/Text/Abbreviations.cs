using System.Collections.Frozen;

namespace NlpHost.Tasks.Sdk.Text;

/// <summary>Words that end with a period without ending a sentence (compared lower-cased, without the final period).</summary>
internal static class Abbreviations
{
    // Titles and Latin abbreviations are followed by more of the same sentence, so their period never ends one.
    // English first, then German, French and Spanish ones that news in those languages uses.
    public static FrozenSet<string> NeverFinal { get; } = FrozenSet.ToFrozenSet(
    [
        "mr", "mrs", "ms", "dr", "prof", "st", "rev", "fr", "gen", "gov", "sen", "rep", "pres", "lt", "col", "capt", "cpt",
        "sgt", "maj", "cmdr", "adm", "hon", "mt", "ft", "vs", "e.g", "i.e", "cf", "approx", "dept", "messrs", "mmes", "supt",
        "insp", "det", "cllr", "atty", "esq", "ave", "blvd", "rd", "aka", "viz",
        "z.b", "d.h", "u.a", "bzw", "vgl", "evtl", "ggf", "inkl", "zzgl", "hr", "ca", "mme", "mlle", "sra", "srta",
    ], StringComparer.OrdinalIgnoreCase);

    // Common words too ("no.", "art.", "may."): an abbreviation only when a number follows ("no. 10", "p. 5", "jan. 3").
    public static FrozenSet<string> BeforeNumber { get; } = FrozenSet.ToFrozenSet(
    [
        "no", "nos", "nr", "p", "pp", "vol", "ch", "sec", "art", "fig", "figs", "para", "op", "jan", "feb", "mar", "apr", "jun",
        "jul", "aug", "sep", "sept", "oct", "nov", "dec", "s", "abs", "bd",
    ], StringComparer.OrdinalIgnoreCase);

    // These may also close a sentence ("... moved to the U.S. He said"): split only when a capital follows and the next
    // word usually starts sentences (see SentenceStarters), so "the U.S. Food and Drug Administration" stays whole.
    public static FrozenSet<string> MaybeFinal { get; } = FrozenSet.ToFrozenSet(
    [
        "inc", "ltd", "co", "corp", "bros", "plc", "jr", "sr", "u.s", "u.k", "u.n", "e.u", "a.m", "p.m", "b.c", "a.d",
        "ph.d", "al", "govt", "llc", "l.p", "n.y", "d.c", "l.a", "s.a", "ag", "gmbh", "usw",
    ], StringComparer.OrdinalIgnoreCase);

    // "etc." ends a sentence whenever a capital follows.
    public static FrozenSet<string> UsuallyFinal { get; } = FrozenSet.ToFrozenSet(["etc"], StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Closed-class words that start sentences far more often than they follow "U.S." or "Inc." inside one (the
    /// frequent-sentence-starter idea of Kiss and Strunk's Punkt, as a fixed list: no corpus to learn it from here).
    /// </summary>
    public static FrozenSet<string> SentenceStarters { get; } = FrozenSet.ToFrozenSet(
    [
        "the", "a", "an", "this", "that", "these", "those", "he", "she", "it", "they", "we", "i", "you", "his", "her", "its",
        "their", "our", "my", "your", "but", "and", "or", "so", "yet", "however", "in", "on", "at", "for", "after", "before",
        "when", "while", "if", "as", "there", "here", "what", "who", "why", "how", "where", "meanwhile", "also", "many",
        "some", "most", "one", "two", "both", "all", "no", "not", "now", "then", "still", "last", "since", "during", "though",
        "although", "because", "by", "from", "with", "without", "officials", "police", "mr", "mrs", "ms", "dr", "such",
        "each", "every", "other", "another", "even", "only", "just", "according", "under", "over", "about", "despite",
        "der", "die", "das", "er", "sie", "es", "wir", "le", "la", "les", "il", "elle", "el", "los", "las",
    ], StringComparer.OrdinalIgnoreCase);

    // A number with a period before a month is a (German) ordinal date, "am 3. Oktober", not a sentence end.
    public static FrozenSet<string> Months { get; } = FrozenSet.ToFrozenSet(
    [
        "januar", "jänner", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober", "november",
        "dezember", "jan", "feb", "okt", "dez",
    ], StringComparer.OrdinalIgnoreCase);
}
