namespace NlpHost.Tasks.Qa.Runtime;

/// <summary>How a span (context pieces <c>s</c> … <c>e</c> of one window) is scored from the window's logits.</summary>
internal abstract class SpanScoring
{
    /// <summary>The span head's score: start probability × end probability, each a softmax over the window's context pieces.
    /// Not calibrated: a window with no answer still spreads probability 1 over its pieces.</summary>
    public static SpanScoring ContextSoftmax { get; } = new Softmax();

    /// <summary>A scorer for one window's spans, given as context-piece indices.</summary>
    public abstract Func<int, int, double> ForWindow(QaWindow window, float[] startLogits, float[] endLogits);

    private sealed class Softmax : SpanScoring
    {
        public override Func<int, int, double> ForWindow(QaWindow window, float[] startLogits, float[] endLogits)
        {
            var start = Normalize(startLogits.AsSpan(window.ContextOffset, window.ContextSpans.Length));
            var end = Normalize(endLogits.AsSpan(window.ContextOffset, window.ContextSpans.Length));
            return (s, e) => start[s] * end[e];
        }

        private static double[] Normalize(ReadOnlySpan<float> logits)
        {
            var max = float.NegativeInfinity;
            foreach (var x in logits)
            {
                max = Math.Max(max, x);
            }

            var result = new double[logits.Length];
            double sum = 0;
            for (var i = 0; i < logits.Length; i++)
            {
                result[i] = Math.Exp(logits[i] - max);
                sum += result[i];
            }

            for (var i = 0; i < result.Length; i++)
            {
                result[i] /= sum;
            }

            return result;
        }
    }
}

/// <summary>
/// A branch head's calibrated score: the probability that the span is a right answer,
/// <c>sigmoid(Scale · (start[s] + end[e] − start[CLS] − end[CLS]) + Bias)</c>. The margin over the no-answer
/// position ([CLS], index 0, where training puts windows without the answer) is what run_qa compares with its null
/// threshold; Platt scaling (<c>Scale</c>, <c>Bias</c>, fitted by <c>training/qa/calibrate_no_answer.py</c> on
/// development answerable and unanswerable pairs, stored in the head's manifest) turns it into a probability.
/// </summary>
internal sealed class CalibratedScoring(double scale, double bias) : SpanScoring
{
    public double Scale { get; } = scale;

    public double Bias { get; } = bias;

    public override Func<int, int, double> ForWindow(QaWindow window, float[] startLogits, float[] endLogits)
    {
        var offset = window.ContextOffset;
        var none = startLogits[0] + endLogits[0];
        return (s, e) => 1 / (1 + Math.Exp(-(Scale * (startLogits[offset + s] + endLogits[offset + e] - none) + Bias)));
    }
}
