using System.Text;

namespace NlpHost.Inference.Internal;

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
        if (!TryFindField(model, ModelGraphField, out var graphStart, out var graphLength, out var fieldStart))
        {
            return new LayerOutputs(model, []);
        }

        var graph = model.AsSpan(graphStart, graphLength);
        var ends = new SortedDictionary<int, string>();
        foreach (var (field, start, length) in Fields(graph))
        {
            if (field != GraphNodeField)
            {
                continue;
            }

            var (op, inputs, outputs) = ReadNode(graph.Slice(start, length));
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
        var extra = new MemoryStream();
        foreach (var name in names)
        {
            WriteValueInfo(extra, name);
        }

        var graphBytes = new byte[graphLength + extra.Length];
        graph.CopyTo(graphBytes);
        extra.ToArray().CopyTo(graphBytes, graphLength);
        var result = new MemoryStream(model.Length + (int)extra.Length + 16);
        result.Write(model, 0, fieldStart);
        var rest = graphStart + graphLength;
        result.Write(model, rest, model.Length - rest);
        WriteTag(result, ModelGraphField, 2);
        WriteVarint(result, (ulong)graphBytes.Length);
        result.Write(graphBytes);
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
        foreach (var (field, start, length) in Fields(node))
        {
            var text = field is NodeInputField or NodeOutputField or NodeOpTypeField ? Encoding.UTF8.GetString(node.Slice(start, length)) : null;
            switch (field)
            {
                case NodeInputField: inputs.Add(text!); break;
                case NodeOutputField: outputs.Add(text!); break;
                case NodeOpTypeField: op = text!; break;
            }
        }

        return (op, inputs, outputs);
    }

    // ValueInfoProto { name = 1; type = 2: TypeProto { tensor_type = 1: { elem_type = 1: FLOAT (1) } } }; the shape is
    // left for ONNX Runtime to infer.
    private static void WriteValueInfo(Stream stream, string name)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        byte[] type = [(1 << 3) | 2, 2, (1 << 3) | 0, 1];
        var inner = new MemoryStream();
        WriteTag(inner, 1, 2);
        WriteVarint(inner, (ulong)nameBytes.Length);
        inner.Write(nameBytes);
        WriteTag(inner, 2, 2);
        WriteVarint(inner, (ulong)type.Length);
        inner.Write(type);
        WriteTag(stream, GraphOutputField, 2);
        WriteVarint(stream, (ulong)inner.Length);
        inner.WriteTo(stream);
    }

    private static bool TryFindField(byte[] message, int wanted, out int start, out int length, out int fieldStart)
    {
        var position = 0;
        while (position < message.Length)
        {
            var tagStart = position;
            var tag = ReadVarint(message, ref position);
            var (field, wire) = ((int)(tag >> 3), (int)(tag & 7));
            if (wire == 2)
            {
                var size = (int)ReadVarint(message, ref position);
                if (field == wanted)
                {
                    (start, length, fieldStart) = (position, size, tagStart);
                    return true;
                }

                position += size;
            }
            else
            {
                Skip(message, ref position, wire);
            }
        }

        (start, length, fieldStart) = (0, 0, 0);
        return false;
    }

    // The length-delimited fields of a message (wire type 2), as (field, start, length); other wire types skipped.
    private static List<(int Field, int Start, int Length)> Fields(ReadOnlySpan<byte> message)
    {
        var fields = new List<(int, int, int)>();
        var position = 0;
        while (position < message.Length)
        {
            var tag = ReadVarint(message, ref position);
            var (field, wire) = ((int)(tag >> 3), (int)(tag & 7));
            if (wire == 2)
            {
                var size = (int)ReadVarint(message, ref position);
                fields.Add((field, position, size));
                position += size;
            }
            else
            {
                Skip(message, ref position, wire);
            }
        }

        return fields;
    }

    private static void Skip(ReadOnlySpan<byte> message, ref int position, int wire)
    {
        switch (wire)
        {
            case 0: ReadVarint(message, ref position); break;
            case 1: position += 8; break;
            case 5: position += 4; break;
            default: throw new InvalidDataException($"not an ONNX model: protobuf wire type {wire} at byte {position}");
        }
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> data, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = data[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw new InvalidDataException("not an ONNX model: malformed varint");
    }

    private static void WriteTag(Stream stream, int field, int wire) => WriteVarint(stream, (ulong)((field << 3) | wire));

    private static void WriteVarint(Stream stream, ulong value)
    {
        while (value >= 0x80)
        {
            stream.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        stream.WriteByte((byte)value);
    }
}
