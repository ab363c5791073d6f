namespace NlpHost.Inference.Internal;

/// <summary>
/// The backbone's grouping rule: the oldest waiting sequence runs next, with the waiting sequences closest to it in
/// length, up to the batch size. Grouping by length limits padding (a batch is padded to its longest sequence);
/// starting from the oldest means a long text is never starved by a stream of short ones.
/// </summary>
internal static class LengthGrouping
{
    public static IReadOnlyList<int> Next(IReadOnlyList<SequenceRequest> waiting, int maxBatch)
    {
        if (waiting.Count <= maxBatch)
        {
            return [.. Enumerable.Range(0, waiting.Count)];
        }

        // Distance in length first, then age (the index), in one key: among equally close sequences the older go first.
        var oldest = waiting[0].Input.Ids.Length;
        var keys = new long[waiting.Count - 1];
        for (var i = 1; i < waiting.Count; i++)
        {
            keys[i - 1] = ((long)Math.Abs(waiting[i].Input.Ids.Length - oldest) << 32) | (uint)i;
        }

        Array.Sort(keys);
        return [0, .. keys.Take(maxBatch - 1).Select(k => (int)(k & uint.MaxValue)).Order()];
    }
}
