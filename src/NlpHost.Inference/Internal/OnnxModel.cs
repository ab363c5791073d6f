using Microsoft.ML.OnnxRuntime;
using NlpHost.Abstractions.Backbone;

namespace NlpHost.Inference.Internal;

/// <summary>A head or whole export run with plain-array tensors; int32 graph inputs and outputs are converted, zero-length tensors allowed.</summary>
internal sealed class OnnxModel : IOnnxModel, IOnnxModelMetadata, IDisposable
{
    private readonly InferenceSession _session;

    public OnnxModel(string path, SessionOptions options)
    {
        _session = new InferenceSession(path, options);
        Path = path;
        InputNames = [.. _session.InputNames];
        OutputNames = [.. _session.OutputNames];
        InputShapes = _session.InputMetadata.ToDictionary(m => m.Key, m => (IReadOnlyList<int>)[.. m.Value.Dimensions], StringComparer.Ordinal);
    }

    public string Path { get; }

    public IReadOnlyList<string> InputNames { get; }

    public IReadOnlyList<string> OutputNames { get; }

    public IReadOnlyDictionary<string, IReadOnlyList<int>> InputShapes { get; }

    public Task<IReadOnlyDictionary<string, ModelTensor>> RunAsync(IReadOnlyDictionary<string, ModelTensor> inputs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.Run<IReadOnlyDictionary<string, ModelTensor>>(() => Run(inputs, cancellationToken), cancellationToken);
    }

    public void Dispose() => _session.Dispose();

    private IDisposableReadOnlyCollection<OrtValue> RunOrCancelled(RunOptions runOptions, List<OrtValue> values, CancellationToken cancellationToken)
    {
        try
        {
            return _session.Run(runOptions, [.. InputNames], values, [.. OutputNames]);
        }
        catch (OnnxRuntimeException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
    }

    private Dictionary<string, ModelTensor> Run(IReadOnlyDictionary<string, ModelTensor> inputs, CancellationToken cancellationToken)
    {
        var missing = InputNames.Where(n => !inputs.ContainsKey(n)).ToList();
        if (missing.Count > 0)
        {
            throw new ArgumentException($"model '{Path}' needs inputs {string.Join(", ", missing)}; it takes {string.Join(", ", InputNames)}", nameof(inputs));
        }

        var values = new List<OrtValue>(InputNames.Count);
        try
        {
            foreach (var name in InputNames)
            {
                values.Add(TensorConversion.ToOrtValue(inputs[name], _session.InputMetadata[name].ElementDataType, $"model '{Path}' input '{name}'"));
            }

            using var runOptions = new RunOptions();
            // A head run belongs to one caller: its cancellation (a job timeout, shutdown) stops the native run too.
            using var terminate = cancellationToken.Register(() => runOptions.Terminate = true);
            using var outputs = RunOrCancelled(runOptions, values, cancellationToken);
            var result = new Dictionary<string, ModelTensor>(OutputNames.Count, StringComparer.Ordinal);
            for (var i = 0; i < OutputNames.Count; i++)
            {
                result[OutputNames[i]] = TensorConversion.FromOrtValue(outputs[i], $"model '{Path}' output '{OutputNames[i]}'");
            }

            return result;
        }
        finally
        {
            values.ForEach(v => v.Dispose());
        }
    }
}
