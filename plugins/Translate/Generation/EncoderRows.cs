using NlpHost.Abstractions.Backbone;

namespace NlpHost.Tasks.Translate.Generation;

/// <summary>Encoder hidden states of the decoder's rows (each sentence repeated once per beam), padded to one length.</summary>
internal sealed record EncoderRows(float[] States, long[] Mask, int Rows, int Length, int Size)
{
    public static EncoderRows Build(IReadOnlyList<HiddenStates> sentences, IReadOnlyList<int> active, int beams, int length)
    {
        var size = sentences[active[0]].Size;
        var rows = active.Count * beams;
        var states = new float[rows * length * size];
        var mask = new long[rows * length];
        var row = 0;
        foreach (var s in active)
        {
            for (var b = 0; b < beams; b++, row++)
            {
                sentences[s].Data.CopyTo(states, row * length * size);
                mask.AsSpan(row * length, sentences[s].Length).Fill(1);
            }
        }

        return new EncoderRows(states, mask, rows, length, size);
    }
}
