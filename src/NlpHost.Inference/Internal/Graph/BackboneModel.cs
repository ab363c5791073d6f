namespace NlpHost.Inference.Internal.Graph;

/// <summary>The encoder's graph bytes at the configured <see cref="BackboneOptions.Precision"/>.</summary>
internal static class BackboneModel
{
    public static byte[] Load(string modelPath, string precision)
    {
        var model = File.ReadAllBytes(modelPath);
        if (precision != BackboneOptions.PrecisionInt8)
        {
            return model;
        }

        var int8 = Int8Quantization.Quantize(model);
        if (int8.QuantizedMatMuls == 0)
        {
            throw new InvalidDataException(
                $"Backbone:Precision is int8 but model '{modelPath}' has no MatMul with a constant fp32 weight to quantize; set Backbone:Precision to fp32");
        }

        DerivedModelCheck.Verify(modelPath, model.LongLength, int8);
        return int8.Model;
    }
}
