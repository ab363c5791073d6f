using System.Buffers.Binary;
using System.Security.Cryptography;

namespace NlpHost.Inference.Internal.Graph;

/// <summary>
/// Derives, in memory and deterministically, the int8 graph of an fp32 encoder (<c>Backbone:Precision int8</c>): every
/// <c>MatMul</c> whose weight is a constant fp32 initializer becomes the dynamic-quantization pattern that ONNX
/// Runtime fuses into <c>DynamicQuantizeMatMul</c> — <c>DynamicQuantizeLinear</c> (activations to uint8, one scale per
/// run), <c>MatMulInteger</c> against int8 weights with one scale per output column, <c>Cast</c>, and two <c>Mul</c>s
/// for the scales. Embeddings (<c>Gather</c>), LayerNorm, Softmax, the attention score products (no constant weight)
/// and every bias stay fp32.
/// </summary>
/// <remarks>
/// Weights use 7 bits (±63, "reduce range"): on CPUs without VNNI, ONNX Runtime's u8×s8 kernels add pairs of
/// products in 16 bits (<c>vpmaddubsw</c>), which 255·127·2 overflows and 255·63·2 does not. Why in C# at load time:
/// the same reasons as <see cref="LayerOutputs"/> (the source is the verified shipped model, no second file, no
/// Python); the output is byte-stable, so its SHA-256 is recorded in the backbone's manifest and checked.
/// </remarks>
internal static class Int8Quantization
{
    public const int WeightLevels = 63;

    private const int ModelGraphField = 7;
    private const int GraphNodeField = 1;
    private const int GraphInitializerField = 5;
    private const int GraphInputField = 11;
    private const int NodeInputField = 1;
    private const int NodeOutputField = 2;
    private const int NodeOpTypeField = 4;
    private const int NodeDomainField = 7;
    private const int TensorDimsField = 1;
    private const int TensorDataTypeField = 2;
    private const int TensorFloatDataField = 4;
    private const int TensorNameField = 8;
    private const int TensorRawDataField = 9;
    private const int TensorDataLocationField = 14;
    private const int FloatType = 1;
    private const int Int8Type = 3;

    /// <summary>The rewritten model and how many MatMuls it quantized.</summary>
    public sealed record Result(byte[] Model, int QuantizedMatMuls)
    {
        public string Sha256 => Convert.ToHexStringLower(SHA256.HashData(Model));
    }

    public static Result Quantize(byte[] model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var graphField = Protobuf.Fields(model).LastOrDefault(f => f.Number == ModelGraphField && f.Wire == 2);
        if (graphField.Length == 0)
        {
            throw new InvalidDataException("not an ONNX model: no graph");
        }

        var graph = model.AsSpan(graphField.Start, graphField.Length);
        var fields = Protobuf.Fields(graph);
        var weights = FloatMatrices(graph, fields);
        var consumers = CountConsumers(graph, fields);
        var matmuls = new List<(string A, string W, string Y)>();
        foreach (var field in fields)
        {
            if (field.Number == GraphNodeField && MatMulOnConstant(graph.Slice(field.Start, field.Length), weights) is { } matmul)
            {
                matmuls.Add(matmul);
            }
        }

        // A weight read by anything else (or by two MatMuls) keeps its fp32 initializer and its MatMul.
        var targets = new HashSet<string>(matmuls.Select(m => m.W).Where(w => consumers[w] == 1), StringComparer.Ordinal);
        var graphBytes = new MemoryStream(model.Length / 3);
        var quantizedInputs = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            if (field.Number == GraphInitializerField && targets.Contains(InitializerName(graph, field)))
            {
                continue;
            }

            if (field.Number == GraphNodeField && MatMulOnConstant(graph.Slice(field.Start, field.Length), weights) is { } m && targets.Contains(m.W))
            {
                WriteQuantizedMatMul(graphBytes, m.A, m.W, m.Y, quantizedInputs.Add(m.A));
                continue;
            }

            graphBytes.Write(graph[field.TagStart..field.End]);
        }

        foreach (var name in targets.Order(StringComparer.Ordinal))
        {
            WriteWeights(graphBytes, weights[name]);
        }

        var result = new MemoryStream(model.Length / 3);
        result.Write(model, 0, graphField.TagStart);
        result.Write(model, graphField.End, model.Length - graphField.End);
        Protobuf.WriteMessage(result, ModelGraphField, graphBytes);
        return new Result(result.ToArray(), targets.Count);
    }

    private sealed record Matrix(string Name, int Rows, int Columns, float[] Values);

    private static Dictionary<string, Matrix> FloatMatrices(ReadOnlySpan<byte> graph, List<ProtoField> fields)
    {
        var graphInputs = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            if (field.Number == GraphInputField)
            {
                graphInputs.Add(ValueInfoName(graph.Slice(field.Start, field.Length)));
            }
        }

        // An initializer that is also a graph input can be overridden at run time: not a constant.
        var matrices = new Dictionary<string, Matrix>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            if (field.Number == GraphInitializerField && ReadFloatMatrix(graph.Slice(field.Start, field.Length)) is { } m && !graphInputs.Contains(m.Name))
            {
                matrices[m.Name] = m;
            }
        }

        return matrices;
    }

    private static Matrix? ReadFloatMatrix(ReadOnlySpan<byte> tensor)
    {
        var (name, type, external) = ("", 0, false);
        ReadOnlySpan<byte> data = default;
        foreach (var field in Protobuf.Fields(tensor))
        {
            switch (field.Number)
            {
                case TensorNameField: name = Protobuf.Text(tensor, field); break;
                case TensorDataTypeField: type = (int)field.Varint; break;
                case TensorDataLocationField: external = field.Varint == 1; break;
                case TensorRawDataField or TensorFloatDataField when field.Wire == 2: data = tensor.Slice(field.Start, field.Length); break;
            }
        }

        var dims = Protobuf.Int64s(tensor, TensorDimsField);
        if (type != FloatType || external || dims.Count != 2 || dims[0] * dims[1] * 4 != data.Length || data.Length == 0)
        {
            return null;
        }

        var values = new float[data.Length / 4];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadSingleLittleEndian(data.Slice(i * 4, 4));
        }

        return new Matrix(name, (int)dims[0], (int)dims[1], values);
    }

    private static Dictionary<string, int> CountConsumers(ReadOnlySpan<byte> graph, List<ProtoField> fields)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            if (field.Number != GraphNodeField)
            {
                continue;
            }

            var node = graph.Slice(field.Start, field.Length);
            foreach (var input in Protobuf.Fields(node).Where(f => f.Number == NodeInputField))
            {
                var name = Protobuf.Text(node, input);
                counts[name] = counts.GetValueOrDefault(name) + 1;
            }
        }

        return counts;
    }

    private static (string A, string W, string Y)? MatMulOnConstant(ReadOnlySpan<byte> node, Dictionary<string, Matrix> weights)
    {
        var (op, domain, inputs, outputs) = ("", "", new List<string>(), new List<string>());
        foreach (var field in Protobuf.Fields(node))
        {
            switch (field.Number)
            {
                case NodeInputField: inputs.Add(Protobuf.Text(node, field)); break;
                case NodeOutputField: outputs.Add(Protobuf.Text(node, field)); break;
                case NodeOpTypeField: op = Protobuf.Text(node, field); break;
                case NodeDomainField: domain = Protobuf.Text(node, field); break;
            }
        }

        return op == "MatMul" && domain is "" or "ai.onnx" && inputs.Count == 2 && outputs.Count == 1 && weights.ContainsKey(inputs[1])
            ? (inputs[0], inputs[1], outputs[0])
            : null;
    }

    // The pattern onnxruntime.quantization.quantize_dynamic writes, which ONNX Runtime's MatMulIntegerToFloat fusion
    // recognises; the activation is quantized once for all MatMuls that read it (Q, K and V share one input).
    private static void WriteQuantizedMatMul(Stream graph, string a, string w, string y, bool quantizeInput)
    {
        var (aq, aScale, aZero) = ($"{a}_quantized", $"{a}_scale", $"{a}_zero_point");
        if (quantizeInput)
        {
            WriteNode(graph, "DynamicQuantizeLinear", $"{a}_QuantizeLinear", [a], [aq, aScale, aZero]);
        }

        WriteNode(graph, "MatMulInteger", $"{y}_MatMulInteger", [aq, $"{w}_quantized", aZero, $"{w}_zero_point"], [$"{y}_int32"]);
        WriteNode(graph, "Cast", $"{y}_Cast", [$"{y}_int32"], [$"{y}_cast"], toFloat: true);
        WriteNode(graph, "Mul", $"{y}_scales_Mul", [aScale, $"{w}_scale"], [$"{y}_scale"]);
        WriteNode(graph, "Mul", $"{y}_output_Mul", [$"{y}_cast", $"{y}_scale"], [y]);
    }

    private static void WriteNode(Stream graph, string op, string name, string[] inputs, string[] outputs, bool toFloat = false)
    {
        var node = new MemoryStream();
        Array.ForEach(inputs, i => Protobuf.WriteString(node, NodeInputField, i));
        Array.ForEach(outputs, o => Protobuf.WriteString(node, NodeOutputField, o));
        Protobuf.WriteString(node, 3, name);
        Protobuf.WriteString(node, NodeOpTypeField, op);
        if (toFloat)
        {
            // AttributeProto { name = 1: "to", i = 3: FLOAT, type = 20: INT (2) }
            var attribute = new MemoryStream();
            Protobuf.WriteString(attribute, 1, "to");
            Protobuf.WriteVarintField(attribute, 3, FloatType);
            Protobuf.WriteVarintField(attribute, 20, 2);
            Protobuf.WriteMessage(node, 5, attribute);
        }

        Protobuf.WriteMessage(graph, GraphNodeField, node);
    }

    // Symmetric per column: scale = max |w| / 63, zero point 0, q = round-half-even(w / scale).
    private static void WriteWeights(MemoryStream graph, Matrix m)
    {
        var scales = new float[m.Columns];
        for (var r = 0; r < m.Rows; r++)
        {
            for (var c = 0; c < m.Columns; c++)
            {
                scales[c] = MathF.Max(scales[c], MathF.Abs(m.Values[r * m.Columns + c]));
            }
        }

        for (var c = 0; c < m.Columns; c++)
        {
            scales[c] = scales[c] > 0 ? scales[c] / WeightLevels : 1f;
        }

        var quantized = new byte[m.Values.Length];
        for (var i = 0; i < quantized.Length; i++)
        {
            var q = MathF.Round(m.Values[i] / scales[i % m.Columns], MidpointRounding.ToEven);
            quantized[i] = (byte)(sbyte)Math.Clamp(q, -WeightLevels, WeightLevels);
        }

        var scaleBytes = new byte[scales.Length * 4];
        for (var c = 0; c < scales.Length; c++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(scaleBytes.AsSpan(c * 4), scales[c]);
        }

        WriteTensor(graph, $"{m.Name}_quantized", Int8Type, [m.Rows, m.Columns], quantized);
        WriteTensor(graph, $"{m.Name}_scale", FloatType, [m.Columns], scaleBytes);
        WriteTensor(graph, $"{m.Name}_zero_point", Int8Type, [m.Columns], new byte[m.Columns]);
    }

    private static void WriteTensor(MemoryStream graph, string name, int type, long[] dims, byte[] raw)
    {
        var tensor = new MemoryStream(raw.Length + 64);
        foreach (var d in dims)
        {
            Protobuf.WriteVarintField(tensor, TensorDimsField, (ulong)d);
        }

        Protobuf.WriteVarintField(tensor, TensorDataTypeField, (ulong)type);
        Protobuf.WriteString(tensor, TensorNameField, name);
        Protobuf.WriteBytes(tensor, TensorRawDataField, raw);
        Protobuf.WriteMessage(graph, GraphInitializerField, tensor);
    }

    private static string InitializerName(ReadOnlySpan<byte> graph, ProtoField field)
    {
        var tensor = graph.Slice(field.Start, field.Length);
        var name = Protobuf.Fields(tensor).FirstOrDefault(f => f.Number == TensorNameField);
        return name.Length == 0 ? "" : Protobuf.Text(tensor, name);
    }

    private static string ValueInfoName(ReadOnlySpan<byte> valueInfo)
    {
        var name = Protobuf.Fields(valueInfo).FirstOrDefault(f => f.Number == 1 && f.Wire == 2);
        return name.Length == 0 ? "" : Protobuf.Text(valueInfo, name);
    }
}
