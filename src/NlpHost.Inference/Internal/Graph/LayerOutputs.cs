namespace NlpHost.Inference.Internal.Graph;

/// <summary>
/// Derives, in memory and at load time, a graph of the shipped encoder that also outputs the hidden states after
/// every intermediate layer (contract 1.3, <see cref="NlpHost.Abstractions.Backbone.ILayeredBackbone"/>).
/// </summary>
/// <remarks>
/// Why at load time rather than a committed or build-time derived file: the bytes are those of the model the build
/// extracted from the NuGet package and verified by SHA-256 (DefaultModel.targets), so there is no second 90 MB file
/// to ship, hash and keep in step, and no Python at build time. Only graph <em>outputs</em> are added (ONNX
/// <c>GraphProto.output</c>, field 12, appended to the graph's bytes, which protobuf merges as further elements of
/// the repeated field); no node, weight or input changes, so the last layer is computed by the same nodes. A layer's
/// output is found by structure, as Hugging Face BERT exports name it: the <c>Add</c> of
/// <c>encoder.layer.{i}.output.LayerNorm.bias</c> (the end of layer <c>i + 1</c>). A model without that naming gets
/// no intermediate outputs (<see cref="Names"/> empty) and runs as before.
/// </remarks>
internal sealed class LayerOutputs
{
    private const int ModelGraphField = 7;
    private const int GraphNodeField = 1;
    private const int GraphOutputField = 12;
    private const int NodeInputField = 1;
    private const int NodeOutputField = 2;
    private const int NodeOpTypeField = 4;

    private LayerOutputs(byte[] model, IReadOnlyList<string> names)
    {
        Model = model;
        Names = names;
    }

    /// <summary>The graph to load: the original bytes plus one output per intermediate layer.</summary>
    public byte[] Model { get; }

    /// <summary>Tensor name of the output after layer <c>i + 1</c>, for every layer but the last (whose output is <c>last_hidden_state</c>).</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Total layers found (intermediate + last); 0 when the naming is not recognised.</summary>
    public int LayerCount => Names.Count == 0 ? 0 : Names.Count + 1;

    public static LayerOutputs Derive(byte[] model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var graphField = Protobuf.Fields(model).LastOrDefault(f => f.Number == ModelGraphField && f.Wire == 2);
        if (graphField.Length == 0)
        {
            return new LayerOutputs(model, []);
        }

        var graph = model.AsSpan(graphField.Start, graphField.Length);
        var ends = new SortedDictionary<int, string>();
        foreach (var field in Protobuf.Fields(graph))
        {
            if (field.Number != GraphNodeField || field.Wire != 2)
            {
                continue;
            }

            var (op, inputs, outputs) = ReadNode(graph.Slice(field.Start, field.Length));
            if (op != "Add" || outputs.Count != 1)
            {
                continue;
            }

            foreach (var input in inputs)
            {
                if (ParseLayerEnd(input) is { } layer)
                {
                    ends[layer] = outputs[0];
                }
            }
        }

        // Layers must be 0..n-1 without gaps, and the last one's output must be the graph's last_hidden_state.
        var layers = ends.Keys.ToList();
        if (layers.Count < 2 || layers[0] != 0 || layers[^1] != layers.Count - 1 || ends[layers[^1]] != "last_hidden_state")
        {
            return new LayerOutputs(model, []);
        }

        var names = layers.Take(layers.Count - 1).Select(l => ends[l]).ToList();
        var graphBytes = new MemoryStream(graphField.Length + names.Count * 64);
        graphBytes.Write(graph);
        foreach (var name in names)
        {
            WriteValueInfo(graphBytes, name);
        }

        var result = new MemoryStream(model.Length + (int)graphBytes.Length - graphField.Length + 16);
        result.Write(model, 0, graphField.TagStart);
        result.Write(model, graphField.End, model.Length - graphField.End);
        Protobuf.WriteMessage(result, ModelGraphField, graphBytes);
        return new LayerOutputs(result.ToArray(), names);
    }

    private static int? ParseLayerEnd(string initializer)
    {
        const string Prefix = "encoder.layer.";
        const string Suffix = ".output.LayerNorm.bias";
        if (!initializer.StartsWith(Prefix, StringComparison.Ordinal) || !initializer.EndsWith(Suffix, StringComparison.Ordinal)
            || initializer.Contains(".attention.", StringComparison.Ordinal))
        {
            return null;
        }

        var middle = initializer[Prefix.Length..^Suffix.Length];
        return int.TryParse(middle, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var layer) ? layer : null;
    }

    private static (string Op, List<string> Inputs, List<string> Outputs) ReadNode(ReadOnlySpan<byte> node)
    {
        var (op, inputs, outputs) = ("", new List<string>(), new List<string>());
        foreach (var field in Protobuf.Fields(node))
        {
            switch (field.Number)
            {
                case NodeInputField: inputs.Add(Protobuf.Text(node, field)); break;
                case NodeOutputField: outputs.Add(Protobuf.Text(node, field)); break;
                case NodeOpTypeField: op = Protobuf.Text(node, field); break;
            }
        }

        return (op, inputs, outputs);
    }

    // ValueInfoProto { name = 1; type = 2: TypeProto { tensor_type = 1: { elem_type = 1: FLOAT (1) } } }; the shape is
    // left for ONNX Runtime to infer.
    private static void WriteValueInfo(Stream stream, string name)
    {
        byte[] type = [(1 << 3) | 2, 2, (1 << 3) | 0, 1];
        var inner = new MemoryStream();
        Protobuf.WriteString(inner, 1, name);
        Protobuf.WriteBytes(inner, 2, type);
        Protobuf.WriteMessage(stream, GraphOutputField, inner);
    }
}
