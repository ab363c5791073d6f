using System.Collections.Concurrent;
using NlpHost.Abstractions.Backbone;

namespace NlpHost.Tasks.Spellcheck.Context;

/// <summary>
/// Each candidate's own backbone embedding (the word alone, mean pooled), computed once and kept: the same few
/// thousand words come back as candidates again and again. Bounded so a stream of rare words cannot grow it forever.
/// </summary>
internal sealed class CandidateEmbeddings(IBackbone backbone, int capacity = CandidateEmbeddings.DefaultCapacity)
{
    // 64k words of 384 floats: ~100 MB at most.
    public const int DefaultCapacity = 65_536;

    private readonly ConcurrentDictionary<string, float[]> _cache = new(StringComparer.Ordinal);

    // ConcurrentDictionary.Count takes every lock; jobs run side by side.
    private int _count;

    public async Task<float[][]> GetAsync(IReadOnlyList<string> words, CancellationToken cancellationToken)
    {
        var result = new float[words.Count][];
        var missing = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < words.Count; i++)
        {
            if (_cache.TryGetValue(words[i], out var vector))
            {
                result[i] = vector;
            }
            else if (seen.Add(words[i]))
            {
                missing.Add(words[i]);
            }
        }

        if (missing.Count == 0)
        {
            return result;
        }

        var computed = await backbone.EmbedAsync(missing, cancellationToken).ConfigureAwait(false);
        var fresh = new Dictionary<string, float[]>(StringComparer.Ordinal);
        for (var i = 0; i < missing.Count; i++)
        {
            fresh[missing[i]] = computed[i];
            // Full means full: the first words seen are the frequent ones; later rare ones are embedded per job.
            if (Volatile.Read(ref _count) < capacity && _cache.TryAdd(missing[i], computed[i]))
            {
                Interlocked.Increment(ref _count);
            }
        }

        for (var i = 0; i < words.Count; i++)
        {
            result[i] ??= fresh[words[i]];
        }

        return result;
    }
}
