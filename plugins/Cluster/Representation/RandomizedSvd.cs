using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace NlpHost.Tasks.Cluster.Representation;

/// <summary>
/// Truncated SVD of a sparse document-term matrix by the randomized range finder of Halko, Martinsson
/// and Tropp (2011), as scikit-learn's TruncatedSVD: returns U·Σ, the documents in the latent space (LSA).
/// Never forms a dense n×V matrix: only n×l and V×l blocks with l = rank + 10.
/// </summary>
internal static class RandomizedSvd
{
    public static double[][] DocumentFactors(IReadOnlyList<SparseVector> rows, int columns, int rank, Random random, int powerIterations = 4)
    {
        var l = Math.Min(rank + 10, Math.Min(rows.Count, columns));
        var omega = Matrix<double>.Build.Dense(columns, l, (_, _) => Normal.Sample(random, 0, 1));
        var y = Multiply(rows, omega);
        for (var q = 0; q < powerIterations; q++)
        {
            var z = MultiplyTransposed(rows, columns, Orthonormal(y));
            y = Multiply(rows, Orthonormal(z));
        }

        var basis = Orthonormal(y);
        var bt = MultiplyTransposed(rows, columns, basis);
        var evd = bt.TransposeThisAndMultiply(bt).Evd(Symmetricity.Symmetric);
        var keep = Math.Min(rank, l);
        // Eigenvalues come in ascending order: the last ones are the largest singular values squared.
        var order = Enumerable.Range(0, l).OrderByDescending(i => evd.EigenValues[i].Real).Take(keep).ToArray();
        var factors = Matrix<double>.Build.Dense(l, keep, (i, j) => evd.EigenVectors[i, order[j]] * Math.Sqrt(Math.Max(0, evd.EigenValues[order[j]].Real)));
        var documents = basis * factors;
        return [.. Enumerable.Range(0, rows.Count).Select(i => documents.Row(i).ToArray())];
    }

    private static Matrix<double> Orthonormal(Matrix<double> m) => m.QR(QRMethod.Thin).Q;

    private static Matrix<double> Multiply(IReadOnlyList<SparseVector> rows, Matrix<double> right)
    {
        var result = new double[rows.Count, right.ColumnCount];
        var dense = right.ToArray();
        for (var i = 0; i < rows.Count; i++)
        {
            var (index, value) = rows[i];
            for (var k = 0; k < index.Length; k++)
            {
                for (var j = 0; j < right.ColumnCount; j++)
                {
                    result[i, j] += value[k] * dense[index[k], j];
                }
            }
        }

        return Matrix<double>.Build.DenseOfArray(result);
    }

    private static Matrix<double> MultiplyTransposed(IReadOnlyList<SparseVector> rows, int columns, Matrix<double> left)
    {
        var result = new double[columns, left.ColumnCount];
        var dense = left.ToArray();
        for (var i = 0; i < rows.Count; i++)
        {
            var (index, value) = rows[i];
            for (var k = 0; k < index.Length; k++)
            {
                for (var j = 0; j < left.ColumnCount; j++)
                {
                    result[index[k], j] += value[k] * dense[i, j];
                }
            }
        }

        return Matrix<double>.Build.DenseOfArray(result);
    }
}
