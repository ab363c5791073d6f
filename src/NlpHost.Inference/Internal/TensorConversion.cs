using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using NlpHost.Abstractions.Backbone;

namespace NlpHost.Inference.Internal;

/// <summary>Maps contract tensors to ONNX Runtime values without copying where the element types already match.</summary>
internal static class TensorConversion
{
    public static OrtValue ToOrtValue(ModelTensor tensor, TensorElementType expected, string what)
    {
        var shape = Array.ConvertAll(tensor.Shape, d => (long)d);
        if (tensor.ElementCount == 0 && Matches(tensor, expected))
        {
            // Zero-length tensors (a decoder's empty past, [batch, heads, 0, head_dim]) have no memory to pin.
            return OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, expected, shape);
        }

        return (tensor, expected) switch
        {
            (FloatTensor f, TensorElementType.Float) => OrtValue.CreateTensorValueFromMemory(Checked(f.Data, tensor, what), shape),
            (Int64Tensor l, TensorElementType.Int64) => OrtValue.CreateTensorValueFromMemory(Checked(l.Data, tensor, what), shape),
            (Int64Tensor l, TensorElementType.Int32) => OrtValue.CreateTensorValueFromMemory(Array.ConvertAll(Checked(l.Data, tensor, what), v => checked((int)v)), shape),
            (BoolTensor b, TensorElementType.Bool) => OrtValue.CreateTensorValueFromMemory(Checked(b.Data, tensor, what), shape),
            _ => throw new ArgumentException($"{what} expects {expected}, got {tensor.GetType().Name}"),
        };
    }

    public static ModelTensor FromOrtValue(OrtValue value, string what)
    {
        var info = value.GetTensorTypeAndShape();
        var shape = Array.ConvertAll(info.Shape, d => checked((int)d));
        return info.ElementDataType switch
        {
            TensorElementType.Float => new FloatTensor(value.GetTensorDataAsSpan<float>().ToArray(), shape),
            TensorElementType.Int64 => new Int64Tensor(value.GetTensorDataAsSpan<long>().ToArray(), shape),
            TensorElementType.Int32 => new Int64Tensor(ToInt64(value.GetTensorDataAsSpan<int>()), shape),
            TensorElementType.Bool => new BoolTensor(value.GetTensorDataAsSpan<bool>().ToArray(), shape),
            var other => throw new NotSupportedException($"{what} has element type {other}; only float, int64, int32 and bool are supported"),
        };
    }

    private static bool Matches(ModelTensor tensor, TensorElementType expected) => (tensor, expected) switch
    {
        (FloatTensor, TensorElementType.Float) or (BoolTensor, TensorElementType.Bool) => true,
        (Int64Tensor, TensorElementType.Int64 or TensorElementType.Int32) => true,
        _ => false,
    };

    private static T[] Checked<T>(T[] data, ModelTensor tensor, string what) =>
        data.Length == tensor.ElementCount
            ? data
            : throw new ArgumentException($"{what}: shape [{string.Join(", ", tensor.Shape)}] holds {tensor.ElementCount} values, got {data.Length}");

    private static long[] ToInt64(ReadOnlySpan<int> source)
    {
        var result = new long[source.Length];
        for (var i = 0; i < source.Length; i++)
        {
            result[i] = source[i];
        }

        return result;
    }
}
