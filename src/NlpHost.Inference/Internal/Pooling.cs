using System.Numerics.Tensors;
using NlpHost.Abstractions.Backbone;

namespace NlpHost.Inference.Internal;

/// <summary>The sentence-transformers recipe: mean over the real (unpadded) tokens, then L2 normalization.</summary>
internal static class Pooling
{
    public static float[] MeanNormalized(HiddenStates states)
    {
        var vector = new float[states.Size];
        for (var t = 0; t < states.Length; t++)
        {
            TensorPrimitives.Add(vector, states.Token(t), vector);
        }

        var norm = TensorPrimitives.Norm(vector);
        TensorPrimitives.Divide(vector, Math.Max(norm, 1e-12f), vector);
        return vector;
    }
}
