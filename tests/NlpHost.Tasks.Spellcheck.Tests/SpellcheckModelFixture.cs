using NlpHost.Tasks.Spellcheck.Correction;
using NlpHost.Testing;

namespace NlpHost.Tasks.Spellcheck.Tests;

/// <summary>The committed lexicon and bigrams (models/spellcheck), loaded and indexed once per test class.</summary>
public sealed class SpellcheckModelFixture
{
    public static readonly string LexiconPath = Path.Combine(RealBackbone.RepoRoot, "models", "spellcheck", "words.txt.gz");
    public static readonly string BigramPath = Path.Combine(RealBackbone.RepoRoot, "models", "spellcheck", "bigrams.txt.gz");

    public static readonly string ConfusablesPath = Path.Combine(RealBackbone.RepoRoot, "models", "spellcheck", "confusables.txt");

    public static readonly string ContextHeadPath = Path.Combine(RealBackbone.RepoRoot, "models", "heads", "spellcheck-context", "head.onnx");

    internal SpellcheckModel Model { get; } = SpellcheckModel.Load(LexiconPath, BigramPath, ConfusablesPath);

    internal Corrector Corrector => new(Model, new SpellcheckSettings().Weights());
}
