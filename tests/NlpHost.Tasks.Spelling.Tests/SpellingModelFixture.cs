using NlpHost.Tasks.Spelling.Correction;
using NlpHost.Testing;

namespace NlpHost.Tasks.Spelling.Tests;

/// <summary>The committed lexicon and bigrams (models/spelling), loaded and indexed once per test class.</summary>
public sealed class SpellingModelFixture
{
    public static readonly string LexiconPath = Path.Combine(RealBackbone.RepoRoot, "models", "spelling", "words.txt.gz");
    public static readonly string BigramPath = Path.Combine(RealBackbone.RepoRoot, "models", "spelling", "bigrams.txt.gz");

    public static readonly string ConfusablesPath = Path.Combine(RealBackbone.RepoRoot, "models", "spelling", "confusables.txt");

    public static readonly string ContextHeadPath = Path.Combine(RealBackbone.RepoRoot, "models", "heads", "spellcheck-context", "head.onnx");

    internal SpellingModel Model { get; } = SpellingModel.Load(LexiconPath, BigramPath, ConfusablesPath);

    internal Corrector Corrector => new(Model, new SpellcheckSettings().Weights());
}
