using NlpHost.Testing;

namespace NlpHost.Tasks.Translate.Tests;

/// <summary>Paths of the committed tiny random models (Fixtures/make_tiny_models.py).</summary>
internal static class TinyModels
{
    public static string Fixtures { get; } = Path.Combine(RealBackbone.RepoRoot, "tests", "NlpHost.Tasks.Translate.Tests", "Fixtures");

    public static string Marian { get; } = Path.Combine(Fixtures, "tiny-marian");

    public static string TargetSpm { get; } = Path.Combine(RealBackbone.RepoRoot, "models", "heads", "translate-en-es", "target.spm");

    /// <summary>
    /// A head folder as the plugin expects it: the tiny decoder and its manifest beside the committed Spanish
    /// target.spm (copied here rather than committed twice).
    /// </summary>
    public static string Head { get; } = CreateHeadFolder();

    private static string CreateHeadFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "nlphost-translate-tiny-head-" + Environment.ProcessId);
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(Path.Combine(Fixtures, "tiny-head")))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)), overwrite: true);
        }

        File.Copy(TargetSpm, Path.Combine(folder, "target.spm"), overwrite: true);
        return folder;
    }
}
