namespace CrInference.Sampling.Nested;

/// <summary>
/// Dense Cholesky factorisation A = L Lᵀ of a small symmetric positive-definite matrix and the
/// triangular products the ellipsoids need (Golub &amp; Van Loan, Matrix Computations, §4.2).
/// Matrices are row-major n × n spans.
/// </summary>
internal static class Cholesky
{
    /// <summary>Writes the lower factor of <paramref name="a"/> to <paramref name="lower"/>; false when
    /// a pivot is not positive (matrix not positive definite to working precision).</summary>
    public static bool TryFactor(ReadOnlySpan<double> a, int n, Span<double> lower)
    {
        lower[..(n * n)].Clear();
        for (int j = 0; j < n; j++)
        {
            double diagonal = a[j * n + j];
            for (int k = 0; k < j; k++) diagonal -= lower[j * n + k] * lower[j * n + k];
            if (!(diagonal > 0) || double.IsInfinity(diagonal)) return false;
            double pivot = Math.Sqrt(diagonal);
            lower[j * n + j] = pivot;
            for (int i = j + 1; i < n; i++)
            {
                double sum = a[i * n + j];
                for (int k = 0; k < j; k++) sum -= lower[i * n + k] * lower[j * n + k];
                lower[i * n + j] = sum / pivot;
            }
        }
        return true;
    }

    /// <summary>Factorises <paramref name="a"/>, adding a growing multiple of the mean diagonal to the
    /// diagonal until it succeeds (the live points of a plateau can be degenerate).</summary>
    public static void FactorWithJitter(Span<double> a, int n, Span<double> lower)
    {
        double meanDiagonal = 0;
        for (int i = 0; i < n; i++) meanDiagonal += a[i * n + i];
        meanDiagonal = Math.Max(meanDiagonal / n, 1e-300);
        double jitter = 1e-12 * meanDiagonal;
        for (int i = 0; i < n; i++) a[i * n + i] += jitter;
        while (!TryFactor(a, n, lower))
        {
            double extra = 9 * jitter;
            for (int i = 0; i < n; i++) a[i * n + i] += extra;
            jitter += extra;
            if (jitter > 1e6 * meanDiagonal) throw new InvalidOperationException("bounding ellipsoid: covariance of the live points is not finite");
        }
    }

    /// <summary>y = L⁻¹ b by forward substitution.</summary>
    public static void SolveLower(ReadOnlySpan<double> lower, int n, ReadOnlySpan<double> b, Span<double> y)
    {
        for (int i = 0; i < n; i++)
        {
            double sum = b[i];
            int row = i * n;
            for (int k = 0; k < i; k++) sum -= lower[row + k] * y[k];
            y[i] = sum / lower[row + i];
        }
    }

    /// <summary>y = L x.</summary>
    public static void MultiplyLower(ReadOnlySpan<double> lower, int n, ReadOnlySpan<double> x, Span<double> y)
    {
        for (int i = 0; i < n; i++)
        {
            double sum = 0;
            int row = i * n;
            for (int k = 0; k <= i; k++) sum += lower[row + k] * x[k];
            y[i] = sum;
        }
    }
}
