namespace NlpHost.Abstractions.Backbone;

/// <summary>An ONNX graph (a task head, or a whole exported model) run on the backbone's execution provider.</summary>
public interface IOnnxModel
{
    /// <summary>The file it was loaded from.</summary>
    string Path { get; }

    /// <summary>Names of the graph inputs.</summary>
    IReadOnlyList<string> InputNames { get; }

    /// <summary>Names of the graph outputs.</summary>
    IReadOnlyList<string> OutputNames { get; }

    /// <summary>Runs the graph; all outputs are returned by name.</summary>
    Task<IReadOnlyDictionary<string, ModelTensor>> RunAsync(IReadOnlyDictionary<string, ModelTensor> inputs, CancellationToken cancellationToken);
}
