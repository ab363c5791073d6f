namespace NlpHost.Tasks.Qa;

/// <summary>A question and either one context of any length or several documents.</summary>
public sealed record QaInput(string Question, string? Context = null, IReadOnlyList<string>? Documents = null);

/// <summary>Per-job options of <c>qa</c>.</summary>
public sealed record QaOptions
{
    /// <summary>How many answers to return.</summary>
    public int TopK { get; init; } = 1;

    /// <summary>Longest answer, in word pieces.</summary>
    public int MaxAnswerLength { get; init; } = 30;

    /// <summary>Answers scoring below this (0..1) are dropped; none left means "no answer". Unset: the head's calibrated default.</summary>
    public double? NoAnswerThreshold { get; init; }

    /// <summary>How far, in word pieces, each window of a long context advances past the previous one.</summary>
    public int Stride { get; init; } = 128;

    /// <summary>With several documents: how many, ranked by embedding similarity to the question, are read.</summary>
    public int MaxDocuments { get; init; } = 3;
}

/// <summary>One answer span; <see cref="Start"/> and <see cref="Length"/> index the original context (or document).</summary>
public sealed record QaAnswer(string Text, int Start, int Length, double Score, int? Document = null);

/// <summary>The answers, best first; empty when the question has no answer above the threshold.</summary>
public sealed record QaOutput(IReadOnlyList<QaAnswer> Answers, bool NoAnswer);
