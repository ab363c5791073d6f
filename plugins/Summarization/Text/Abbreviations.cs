using System.Collections.Frozen;

namespace NlpHost.Tasks.Summarization.Text;

/// <summary>Words that end with a period without ending a sentence (compared lower-cased, without the final period).</summary>
internal static class Abbreviations
{
    // Titles and Latin abbreviations are followed by more of the same sentence, so their period never ends one.
    public static FrozenSet<string> NeverFinal { get; } = FrozenSet.ToFrozenSet(
    [
        "mr", "mrs", "ms", "dr", "prof", "st", "rev", "fr", "gen", "gov", "sen", "rep", "pres", "lt", "col", "capt", "cpt",
        "sgt", "maj", "cmdr", "adm", "hon", "mt", "ft", "vs", "e.g", "i.e", "cf", "approx", "dept",
    ], StringComparer.OrdinalIgnoreCase);

    // Common words too ("no.", "art.", "may."): an abbreviation only when a number follows ("no. 10", "p. 5", "jan. 3").
    public static FrozenSet<string> BeforeNumber { get; } = FrozenSet.ToFrozenSet(
    [
        "no", "nos", "p", "pp", "vol", "ch", "sec", "art", "fig", "figs", "para", "op", "jan", "feb", "mar", "apr", "jun",
        "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    ], StringComparer.OrdinalIgnoreCase);

    // These may also close a sentence ("... from the U.S. The next day"): split only when a capital follows.
    public static FrozenSet<string> MaybeFinal { get; } = FrozenSet.ToFrozenSet(
    [
        "etc", "inc", "ltd", "co", "corp", "bros", "plc", "jr", "sr", "u.s", "u.k", "u.n", "e.u", "a.m", "p.m", "b.c", "a.d",
        "ph.d", "al", "govt",
    ], StringComparer.OrdinalIgnoreCase);
}
