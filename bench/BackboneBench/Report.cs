using System.Globalization;

namespace BackboneBench;

/// <summary>Each setup's median and spread over the rounds, then the ratios of medians the issue sets targets for.</summary>
internal static class Report
{
    public static void Write(TextWriter output, IReadOnlyList<Setup> setups, IReadOnlyDictionary<Setup, List<double>> padding)
    {
        output.WriteLine(Line("set", "prec", "setup", "median/s", "min-max", "spread", "tokens/s", "padding"));
        foreach (var setup in setups.OrderBy(s => s.Set.Name, StringComparer.Ordinal).ThenBy(s => s.Precision, StringComparer.Ordinal))
        {
            var m = Median(setup);
            output.WriteLine(Line(setup.Set.Name, setup.Precision, setup.Name, F(m, 1),
                setup.SentencesPerSecond.Count == 0 ? "n/a" : $"{F(setup.SentencesPerSecond.Min(), 0)}-{F(setup.SentencesPerSecond.Max(), 0)}",
                setup.SentencesPerSecond.Count == 0 ? "n/a" : $"{F(100 * (setup.SentencesPerSecond.Max() - setup.SentencesPerSecond.Min()) / m, 0)} %",
                F(m * setup.Set.MeanTokens, 0),
                padding[setup].Count == 0 || !setup.Name.StartsWith("service", StringComparison.Ordinal) ? "" : $"{F(100 * Middle(padding[setup]), 1)} %"));
        }

        double Of(string set, string precision, string name) =>
            setups.FirstOrDefault(s => s.Set.Name == set && s.Precision == precision && s.Name.StartsWith(name, StringComparison.Ordinal)) is { } s ? Median(s) : double.NaN;

        output.WriteLine("ratios of medians:");
        foreach (var precision in setups.Select(s => s.Precision).Distinct())
        {
            foreach (var set in new[] { "short", "medium", "long" })
            {
                output.WriteLine($"  {precision} {set,-6} service@32 / bare@32 = {F(Of(set, precision, "service, batches") / Of(set, precision, "bare"), 2)} (target >= 0.95)");
            }

            output.WriteLine($"  {precision} short  concurrent32 / unbatched = {F(Of("short", precision, "service, 32 concurrent") / Of("short", precision, "service, unbatched"), 2)} (target >= 2.5)");
        }

        output.WriteLine($"  fp32 short  service@32 / peer = {F(Of("short", "fp32", "service, batches") / Of("short", "fp32", "peer"), 2)} (target >= 1.5)");
        foreach (var set in new[] { "short", "medium", "long" })
        {
            output.WriteLine($"  int8 / fp32 {set,-6} service@32 tokens/s = {F(Of(set, "int8", "service, batches") / Of(set, "fp32", "service, batches"), 2)} (target >= 2 on medium and long)");
        }

        output.WriteLine($"  mixed bucketed / arrival order = {F(Of("mixed", "fp32", "service, one call") / Of("mixed", "fp32", "service, batches of 32 (arrival"), 2)}");
    }

    private static double Median(Setup setup) => setup.SentencesPerSecond.Count == 0 ? double.NaN : Middle(setup.SentencesPerSecond);

    private static double Middle(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string F(double value, int digits) => double.IsNaN(value) ? "n/a" : value.ToString("F" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static string Line(string set, string precision, string setup, string median, string range, string spread, string tokens, string padding) =>
        $"  {set,-6} {precision,-4} {setup,-44} {median,9} {range,11} {spread,7} {tokens,9} {padding,8}";
}
