using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using NlpHost.Abstractions.Backbone;
using NlpHost.Inference.Internal.Graph;

namespace NlpHost.Inference.Internal;

/// <summary>The encoder's single inference session: runs padded batches and returns each sequence's hidden states.</summary>
internal sealed class EncoderSession : IDisposable
{
    private readonly InferenceSession _session;
    private readonly string _idsName;
    private readonly string _maskName;
    private readonly string? _typeName;
    private readonly string[] _outputNames;
    private readonly bool _int32Inputs;
    private readonly IReadOnlyList<string> _layerNames;

    /// <summary>Loads the model at <paramref name="precision"/> (<see cref="BackboneModel"/>); with <paramref name="exposeLayers"/>,
    /// from the graph derived by <see cref="LayerOutputs"/> so runs can return intermediate layers too (the last layer is
    /// computed by the same nodes either way).</summary>
    public EncoderSession(string modelPath, SessionOptions options, string precision, bool exposeLayers = false)
    {
        var model = BackboneModel.Load(modelPath, precision);
        var layers = exposeLayers ? LayerOutputs.Derive(model) : null;
        _layerNames = layers?.Names ?? [];
        _session = new InferenceSession(layers?.Model ?? model, options);
        LayerCount = layers?.LayerCount ?? 0;
        try
        {
            (_idsName, _maskName, _typeName, _int32Inputs, _outputNames, HiddenSize) = Describe(_session, modelPath);
        }
        catch
        {
            // A model of the wrong shape must not leak its native session.
            _session.Dispose();
            throw;
        }
    }

    private static (string Ids, string Mask, string? Type, bool Int32, string[] Outputs, int Hidden) Describe(InferenceSession session, string modelPath)
    {
        var inputs = session.InputMetadata;
        var ids = Require(inputs, "input_ids", modelPath);
        var mask = Require(inputs, "attention_mask", modelPath);
        var type = inputs.ContainsKey("token_type_ids") ? "token_type_ids" : null;
        var int32 = inputs[ids].ElementDataType == TensorElementType.Int32;
        var output = session.OutputMetadata.ContainsKey("last_hidden_state") ? "last_hidden_state" : session.OutputNames[0];
        var dims = session.OutputMetadata[output].Dimensions;
        var hidden = dims.Length == 3 && dims[2] > 0
            ? dims[2]
            : throw new InvalidDataException($"model '{modelPath}': output '{output}' is not [batch, tokens, hidden] with a fixed hidden size");
        return (ids, mask, type, int32, [output], hidden);
    }

    public int HiddenSize { get; }

    /// <summary>Encoder layers whose outputs <see cref="Run(IReadOnlyList{SequenceRequest}, int)"/> can return; 0 when only the last.</summary>
    public int LayerCount { get; }

    /// <summary>Runs sequences padded to the longest one; padding never reaches the returned states.</summary>
    public HiddenStates[] Run(IReadOnlyList<EncoderInput> batch, int padId) =>
        Array.ConvertAll(Run(batch, new int[batch.Count], padId), s => s.Last);

    /// <summary>One run for queued sequences, each also getting the intermediate layer it asked for.</summary>
    public EncodedSequence[] Run(IReadOnlyList<SequenceRequest> batch, int padId) =>
        Run([.. batch.Select(p => p.Input)], [.. batch.Select(p => p.Layer)], padId);

    private EncodedSequence[] Run(IReadOnlyList<EncoderInput> batch, int[] layers, int padId)
    {
        var rows = batch.Count;
        var length = batch.Max(s => s.Ids.Length);
        var ids = new long[rows * length];
        var mask = new long[rows * length];
        var types = _typeName is null ? null : new long[rows * length];
        for (var r = 0; r < rows; r++)
        {
            var sequence = batch[r];
            var row = ids.AsSpan(r * length, length);
            row.Fill(padId);
            for (var t = 0; t < sequence.Ids.Length; t++)
            {
                row[t] = sequence.Ids[t];
                mask[r * length + t] = 1;
                if (types is not null && sequence.TypeIds is { } typeIds)
                {
                    types[r * length + t] = typeIds[t];
                }
            }
        }

        long[] shape = [rows, length];
        var names = new List<string>(3) { _idsName, _maskName };
        var values = new List<OrtValue>(3) { CreateInput(ids, shape), CreateInput(mask, shape) };
        if (types is not null)
        {
            names.Add(_typeName!);
            values.Add(CreateInput(types, shape));
        }

        // Only the layers someone asked for are fetched (the last layer always); intermediate outputs exist in the
        // derived graph only, and a layer past it is refused by the backbone before it gets here.
        var wanted = layers.Where(l => l > 0 && l < LayerCount).Distinct().Order().ToList();
        var outputNames = _outputNames.Concat(wanted.Select(l => _layerNames[l - 1])).ToList();
        try
        {
            using var runOptions = new RunOptions();
            using var outputs = _session.Run(runOptions, names, values, outputNames);
            var result = new EncodedSequence[rows];
            for (var r = 0; r < rows; r++)
            {
                var count = batch[r].Ids.Length;
                var last = Slice(outputs[0], r, length, count);
                var layer = layers[r] <= 0 ? null : layers[r] >= LayerCount ? last : Slice(outputs[1 + wanted.IndexOf(layers[r])], r, length, count);
                result[r] = new EncodedSequence(last, layer);
            }

            return result;
        }
        finally
        {
            values.ForEach(v => v.Dispose());
        }
    }

    private HiddenStates Slice(OrtValue output, int row, int length, int count)
    {
        var data = output.GetTensorDataAsSpan<float>().Slice(row * length * HiddenSize, count * HiddenSize).ToArray();
        return new HiddenStates(data, count, HiddenSize);
    }

    public void Dispose() => _session.Dispose();

    private OrtValue CreateInput(long[] data, long[] shape) => _int32Inputs
        ? OrtValue.CreateTensorValueFromMemory(Array.ConvertAll(data, v => (int)v), shape)
        : OrtValue.CreateTensorValueFromMemory(data, shape);

    private static string Require(IReadOnlyDictionary<string, NodeMetadata> inputs, string name, string modelPath) =>
        inputs.ContainsKey(name)
            ? name
            : throw new InvalidDataException(
                $"model '{modelPath}' has no '{name}' input (it has {string.Join(", ", inputs.Keys)}); Backbone:ModelPath must be a BERT-family encoder export");
}
