using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace NlpHost.Inference.Internal;

/// <summary>
/// One session per model file, on the backbone's execution provider; owns and disposes them. A head not validated for
/// the backbone's <paramref name="precision"/> is refused (<see cref="HeadPrecisions"/>), and stays refused: the
/// precision does not change while the process runs.
/// </summary>
internal sealed class OnnxModelCache(ExecutionProviders providers, string precision, ILogger logger) : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<OnnxModel>> _models = new(StringComparer.Ordinal);

    public OnnxModel Open(string fullPath)
    {
        var entry = _models.GetOrAdd(fullPath, path => new Lazy<OnnxModel>(() => Load(path), LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return entry.Value;
        }
        catch (Exception e) when (e is FileNotFoundException or Microsoft.ML.OnnxRuntime.OnnxRuntimeException)
        {
            // Do not cache a failure: the file may be produced later (e.g. by 'nlphost train').
            _models.TryRemove(KeyValuePair.Create(fullPath, entry));
            throw;
        }
    }

    public void Dispose()
    {
        foreach (var entry in _models.Values.Where(e => e.IsValueCreated))
        {
            entry.Value.Dispose();
        }

        _models.Clear();
    }

    private OnnxModel Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"ONNX model '{path}' not found", path);
        }

        HeadPrecisions.Check(path, precision);
        using var options = providers.CreateSessionOptions();
        var model = new OnnxModel(path, options);
        Log.ModelOpened(logger, path, providers.Name);
        return model;
    }
}
