using System.Text.Json;
using Xunit;

namespace NlpHost.Testing;

/// <summary>
/// Reads the parity samples the training scripts export beside a head (a float32 file of inputs and the training
/// framework's outputs in parity.json) and compares ONNX Runtime's outputs with them.
/// </summary>
public static class HeadParity
{
    /// <summary>A raw little-endian float32 file, as numpy's <c>tofile</c> writes it.</summary>
    public static async Task<float[]> ReadFloatsAsync(string path)
    {
        var bytes = await File.ReadAllBytesAsync(path).ConfigureAwait(false);
        var values = new float[bytes.Length / 4];
        Buffer.BlockCopy(bytes, 0, values, 0, values.Length * 4);
        return values;
    }

    /// <summary>A JSON array of numbers.</summary>
    public static float[] Floats(JsonElement array) => [.. array.EnumerateArray().Select(v => v.GetSingle())];

    /// <summary>Same length, and every value within <paramref name="tolerance"/> of the expected one.</summary>
    public static void AssertClose(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, float tolerance, string what = "")
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) < tolerance, $"{what}[{i}]: {expected[i]} vs {actual[i]}");
        }
    }
}
