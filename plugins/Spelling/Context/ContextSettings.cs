using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace NlpHost.Tasks.Spelling.Context;

/// <summary>Settings of the context head's choice, from <c>Plugins:spellcheck</c>.</summary>
/// <param name="Candidates">How many of the noisy channel's best candidates the head reorders.</param>
/// <param name="RealWordThreshold">Probability the head must give another word before a known word is replaced.</param>
/// <param name="WindowWords">Words of the sentence kept on each side of a questioned word.</param>
internal sealed record ContextSettings(int Candidates = 8, double RealWordThreshold = 0.9, int WindowWords = 24)
{
    public static ContextSettings From(IConfiguration settings)
    {
        var defaults = new ContextSettings();
        var candidates = ReadInteger(settings, "ContextCandidates", defaults.Candidates);
        var threshold = Read(settings, "RealWordThreshold", defaults.RealWordThreshold);
        var window = ReadInteger(settings, "ContextWindowWords", defaults.WindowWords);
        return candidates is < 1 or > 64 ? throw Invalid("ContextCandidates", candidates, "1..64")
            : threshold is <= 0 or > 1 ? throw Invalid("RealWordThreshold", threshold, "above 0 and at most 1")
            : window is < 1 or > 128 ? throw Invalid("ContextWindowWords", window, "1..128")
            : new ContextSettings(candidates, threshold, window);
    }

    private static double Read(IConfiguration settings, string key, double fallback) =>
        settings[key] is not { } value ? fallback
        : double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && double.IsFinite(parsed) ? parsed
        : throw Invalid(key, value, "finite numbers");

    private static int ReadInteger(IConfiguration settings, string key, int fallback) =>
        settings[key] is not { } value ? fallback
        : int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed
        : throw Invalid(key, value, "whole numbers");

    private static InvalidOperationException Invalid(string key, object value, string range) =>
        new(string.Create(CultureInfo.InvariantCulture, $"Plugins:spellcheck:{key}: {value} is outside {range}"));
}
