using System.Runtime.InteropServices;

namespace NlpHost.Tasks.Spellcheck.Candidates;

/// <summary>
/// From a delete's 64-bit hash to its run of entries: open addressing with linear probing, at most half full, each
/// slot holding the hash and the run. A lookup is usually one cache line where a <see cref="Dictionary{TKey, TValue}"/>
/// and a separate array of run starts took three. The hashes are already mixed, so their low bits pick the slot.
/// </summary>
internal sealed class DeleteTable
{
    private readonly Slot[] _slots;
    private readonly ulong _mask;

    private DeleteTable(Slot[] slots, int count, int longestRun)
    {
        _slots = slots;
        _mask = (ulong)slots.Length - 1;
        Count = count;
        LongestRun = longestRun;
    }

    /// <summary>Distinct hashes held.</summary>
    public int Count { get; }

    public int LongestRun { get; }

    /// <param name="sortedHashes">One hash per entry, sorted, so each distinct hash's entries form one run.</param>
    public static DeleteTable Build(ulong[] sortedHashes)
    {
        ArgumentNullException.ThrowIfNull(sortedHashes);
        var distinct = 0;
        for (var i = 0; i < sortedHashes.Length; i++)
        {
            distinct += i == 0 || sortedHashes[i] != sortedHashes[i - 1] ? 1 : 0;
        }

        var slots = new Slot[Math.Max(2, (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)distinct * 2))];
        var mask = (ulong)slots.Length - 1;
        var longestRun = 0;
        for (var start = 0; start < sortedHashes.Length;)
        {
            var hash = sortedHashes[start];
            var end = start + 1;
            while (end < sortedHashes.Length && sortedHashes[end] == hash)
            {
                end++;
            }

            var at = hash & mask;
            while (slots[at].Length != 0)
            {
                at = (at + 1) & mask;
            }

            slots[at] = new Slot(hash, start, end - start);
            longestRun = Math.Max(longestRun, end - start);
            start = end;
        }

        return new DeleteTable(slots, distinct, longestRun);
    }

    public bool Find(ulong hash, out int start, out int length)
    {
        for (var at = hash & _mask; ; at = (at + 1) & _mask)
        {
            ref readonly var slot = ref _slots[at];
            if (slot.Length == 0 || slot.Hash == hash)
            {
                start = slot.Start;
                length = slot.Length;
                return length != 0;
            }
        }
    }

    // An empty slot has Length 0: every stored run holds at least one entry.
    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    private readonly record struct Slot(ulong Hash, int Start, int Length);
}
