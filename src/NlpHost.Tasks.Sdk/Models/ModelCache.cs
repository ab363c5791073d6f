using System.Collections.Concurrent;

namespace NlpHost.Tasks.Sdk.Models;

/// <summary>
/// Models a plugin loads once and keeps for later jobs, by key (typically the model's paths). One policy for a failed
/// load: it is not kept, so the next job tries again (the files may be fixed or delivered meanwhile) and meanwhile
/// every caller sees the real error, not a cached one. Concurrent callers of one key share one load.
/// </summary>
/// <typeparam name="TModel">The loaded model; disposed with the cache when it is disposable.</typeparam>
public sealed class ModelCache<TModel> : IAsyncDisposable
    where TModel : class
{
    private readonly ConcurrentDictionary<string, Lazy<TModel>> _models = new(StringComparer.Ordinal);

    /// <summary>The model under <paramref name="key"/>, loaded by <paramref name="load"/> on first use.</summary>
    /// <exception cref="Exception">Whatever <paramref name="load"/> threw; the failure is not cached.</exception>
    public TModel Get(string key, Func<TModel> load)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(load);
        var entry = _models.GetOrAdd(key, _ => new Lazy<TModel>(load, LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return entry.Value;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _models.TryRemove(KeyValuePair.Create(key, entry));
            throw;
        }
    }

    /// <summary>How many models are loaded (failed loads are not counted).</summary>
    public int Count => _models.Values.Count(m => m.IsValueCreated);

    /// <summary>Disposes the loaded models.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var entry in _models.Values.Where(m => m.IsValueCreated))
        {
            switch (entry.Value)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }

        _models.Clear();
    }
}
