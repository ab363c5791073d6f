using NlpHost.Tasks.Spellcheck.Correction;

namespace NlpHost.Tasks.Spellcheck.Context;

/// <summary>
/// The noisy channel's evidence for one candidate, as the context head reads it after the two embeddings. The
/// order is the head's input layout (models/heads/spellcheck-context/manifest.json): change it only with a retrained head.
/// </summary>
internal static class ContextFeatures
{
    public const int Count = 10;

    public static void Write(Span<float> row, Suspect suspect, int candidate, bool hasContext)
    {
        var best = suspect.Candidates[0].Score;
        var s = suspect.Candidates[candidate];
        var parts = s.Parts;
        row[0] = (float)(s.Score - best);
        row[1] = (float)parts.LogProbability;
        row[2] = (float)parts.EditCost;
        row[3] = parts.SoundAlike ? 1 : 0;
        row[4] = (float)parts.LeftAssociation;
        row[5] = (float)parts.RightAssociation;
        row[6] = candidate == suspect.TypedIndex ? 1 : 0;
        row[7] = parts.IsSplit ? 1 : 0;
        row[8] = suspect.Kind == SuspectKind.Confusable ? 1 : 0;
        row[9] = hasContext ? 1 : 0;
    }
}
