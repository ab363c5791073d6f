namespace BackboneBench;

/// <summary>One measured configuration: what runs, on which texts, and how many texts and tokens one run covers.</summary>
internal sealed record Setup(string Name, string Precision, SentenceSet Set, Func<CancellationToken, Task<double?>> Run)
{
    public List<double> SentencesPerSecond { get; } = [];

    public string Label => $"{Set.Name,-6} {Precision,-4} {Name}";
}
