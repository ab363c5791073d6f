using System.Globalization;
using System.Text.RegularExpressions;
using NlpHost.Tasks.Summarize.Scoring;
using NlpHost.Testing;

namespace NlpHost.Tasks.Summarize.Tests;

/// <summary>
/// The trainer selects checkpoints at the highlights length of training/summarize/salience_data.py, and the task
/// serves LengthBudget.HighlightSentences: the two must be the same rule, or the head is tuned for another length
/// than the one it is used at.
/// </summary>
public sealed partial class LengthFitTests
{
    [Fact]
    public async Task Trainer_and_task_use_the_same_highlights_length()
    {
        var source = await File.ReadAllTextAsync(Path.Combine(RealBackbone.RepoRoot, "training", "summarize", "salience_data.py"));
        var match = Constants().Match(source);
        Assert.True(match.Success, "HIGHLIGHT_A, HIGHLIGHT_B, HIGHLIGHT_MAX = a, b, max not found in salience_data.py");
        var (a, b, max) = (double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), double.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture));

        foreach (var n in Enumerable.Range(1, 400))
        {
            // Python: floor(A + B ln n + 0.5) clamped to [1, min(max, n)].
            var python = Math.Max(1, Math.Min((int)Math.Floor(a + (b * Math.Log(n)) + 0.5), Math.Min(max, n)));
            Assert.Equal(python, LengthBudget.HighlightSentences(n));
        }
    }

    [GeneratedRegex(@"HIGHLIGHT_A, HIGHLIGHT_B, HIGHLIGHT_MAX = ([0-9.]+), ([0-9.]+), ([0-9]+)")]
    private static partial Regex Constants();
}
