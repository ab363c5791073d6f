using System.Text.RegularExpressions;

namespace NlpHost.Tasks.Translate.Text.Protection;

/// <summary>
/// Cardinal number words of a target language, as a pattern for a whole spelled-out number ("dos mil", "veintitrés",
/// "cinco", "dos.000"). "un", "una", "uno" (also the article) and "y" only count inside a longer number.
/// </summary>
internal static class NumberWords
{
    private const string Spanish =
        "cero|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce|trece|catorce|quince|dieci\\w+|veinte|veinti\\w+|" +
        "treinta|cuarenta|cincuenta|sesenta|setenta|ochenta|noventa|cien|ciento|doscientos|trescientos|cuatrocientos|" +
        "quinientos|seiscientos|setecientos|ochocientos|novecientos|doscientas|trescientas|quinientas|mil|millón|millones";

    private const string French =
        "zéro|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize|vingt|trente|" +
        "quarante|cinquante|soixante|cent|cents|mille|million|millions";

    private static readonly Regex SpanishPattern = Build(Spanish, "un|una|uno|y");
    private static readonly Regex FrenchPattern = Build(French, "un|une|et");

    /// <summary>The pattern for <paramref name="language"/>, or null when none is known (only digits are then checked).</summary>
    public static Regex? For(string language) => language.ToLowerInvariant() switch
    {
        "es" => SpanishPattern,
        "fr" => FrenchPattern,
        _ => null,
    };

    private static Regex Build(string words, string joiners) => new(
        $@"\b(?:{words})(?:(?:[\s-]+(?:(?:{joiners})[\s-]+)?)(?:{words}))*(?:[.,]\d+)*\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);
}
