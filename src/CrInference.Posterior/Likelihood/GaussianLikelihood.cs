using CrInference.Core.Random;
using MathNet.Numerics.LinearAlgebra;

namespace CrInference.Posterior.Likelihood;

/// <summary>
/// Multivariate normal likelihood of data d given a prediction m with a fixed covariance C:
/// ln L = −½ (d − m)ᵀ C⁻¹ (d − m) − ½ ln det(2πC). C is factorised once (Cholesky C = LLᵀ, MathNet.Numerics);
/// each evaluation solves L z = d − m by forward substitution (n²/2 multiply–adds, no allocation for n ≤ 256;
/// MathNet's solvers allocate a result vector per call, which a sampler would pay millions of times) and
/// χ² = |z|². A diagonal C skips the factorisation. <see cref="Draw"/> simulates data d = m + L z, z ~ N(0, 1).
/// </summary>
public sealed class GaussianLikelihood
{
    private readonly double[] _data;
    private readonly double[]? _sigma;          // diagonal case
    private readonly double[]? _cholesky;       // row-major lower triangle, dense n×n

    private GaussianLikelihood(double[] data, double[]? sigma, double[]? cholesky, double logNormalisation)
    {
        _data = data;
        _sigma = sigma;
        _cholesky = cholesky;
        LogNormalisation = logNormalisation;
    }

    /// <summary>Number of data points.</summary>
    public int Count => _data.Length;

    /// <summary>−½ ln det(2πC): ln L = LogNormalisation − χ²/2.</summary>
    public double LogNormalisation { get; }

    /// <summary>True when C is diagonal (independent points).</summary>
    public bool IsDiagonal => _sigma is not null;

    /// <summary>The data vector d.</summary>
    public ReadOnlySpan<double> Data => _data;

    /// <summary>Element (i, j) of the Cholesky factor L (lower triangular, C = LLᵀ; σ_i on the diagonal of a diagonal C).</summary>
    public double CholeskyFactor(int i, int j)
    {
        if ((uint)i >= (uint)Count || (uint)j >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(i));
        if (_sigma is not null) return i == j ? _sigma[i] : 0;
        return j > i ? 0 : _cholesky![i * Count + j];
    }

    /// <summary>Independent errors σ_i.</summary>
    public static GaussianLikelihood Diagonal(IReadOnlyList<double> data, IReadOnlyList<double> sigma)
    {
        int n = data.Count;
        if (sigma.Count != n) throw new ArgumentException($"{sigma.Count} errors for {n} data points");
        double norm = 0;
        var s = new double[n];
        for (int i = 0; i < n; i++)
        {
            if (!(sigma[i] > 0) || !double.IsFinite(sigma[i])) throw new ArgumentException($"error of point {i} must be finite and > 0 (got {sigma[i]})");
            s[i] = sigma[i];
            norm -= 0.5 * Math.Log(2 * Math.PI * sigma[i] * sigma[i]);
        }
        return new GaussianLikelihood([.. data], s, null, norm);
    }

    /// <summary>Full covariance (row-major n×n, symmetric positive definite; the lower triangle is used).</summary>
    public static GaussianLikelihood WithCovariance(IReadOnlyList<double> data, double[] covariance)
    {
        ArgumentNullException.ThrowIfNull(covariance);
        int n = data.Count;
        if (covariance.Length != n * n) throw new ArgumentException("covariance must be n×n");
        for (int j = 0; j < n; j++)
        {
            double diagonal = covariance[j * n + j];
            if (!(diagonal > 0) || !double.IsFinite(diagonal)) throw new ArgumentException($"covariance is not positive definite at point {j} (variance {diagonal})");
        }
        var matrix = Matrix<double>.Build.Dense(n, n, (i, j) => covariance[i * n + j]);
        Matrix<double> factor;
        try
        {
            factor = matrix.Cholesky().Factor;
        }
        catch (ArgumentException)
        {
            throw new ArgumentException("covariance is not positive definite");
        }
        var l = new double[n * n];
        double logDet = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= i; j++) l[i * n + j] = factor[i, j];
            logDet += 2 * Math.Log(l[i * n + i]);
        }
        double norm = -0.5 * (n * Math.Log(2 * Math.PI) + logDet);
        return new GaussianLikelihood([.. data], null, l, norm);
    }

    /// <summary>χ² = (d − m)ᵀ C⁻¹ (d − m) for <paramref name="prediction"/> (length <see cref="Count"/>).</summary>
    public double ChiSquare(ReadOnlySpan<double> prediction)
    {
        int n = _data.Length;
        if (prediction.Length != n) throw new ArgumentException($"prediction has {prediction.Length} values for {n} data points");
        double chi2 = 0;
        if (_sigma is not null)
        {
            for (int i = 0; i < n; i++)
            {
                double r = (_data[i] - prediction[i]) / _sigma[i];
                chi2 += r * r;
            }
            return chi2;
        }
        Span<double> z = n <= 256 ? stackalloc double[n] : new double[n];
        var l = _cholesky!;
        for (int i = 0; i < n; i++)
        {
            double sum = _data[i] - prediction[i];
            for (int k = 0; k < i; k++) sum -= l[i * n + k] * z[k];
            z[i] = sum / l[i * n + i];
            chi2 += z[i] * z[i];
        }
        return chi2;
    }

    /// <summary>ln L at <paramref name="prediction"/>.</summary>
    public double LogLikelihood(ReadOnlySpan<double> prediction) => LogNormalisation - 0.5 * ChiSquare(prediction);

    /// <summary>
    /// Mock data from this likelihood's own error model: d = m + L z with z_i ~ N(0, 1) drawn in order i = 0…n−1 from
    /// <paramref name="stream"/> (so the same key gives the same data), written to <paramref name="output"/>.
    /// </summary>
    public void Draw(ReadOnlySpan<double> mean, ref RandomStream stream, Span<double> output)
    {
        int n = _data.Length;
        if (mean.Length != n || output.Length != n) throw new ArgumentException($"mean and output must have {n} values");
        Span<double> z = n <= 256 ? stackalloc double[n] : new double[n];
        for (int i = 0; i < n; i++) z[i] = stream.NextGaussian();
        for (int i = 0; i < n; i++)
        {
            double shift;
            if (_sigma is not null)
            {
                shift = _sigma[i] * z[i];
            }
            else
            {
                shift = 0;
                for (int k = 0; k <= i; k++) shift += _cholesky![i * n + k] * z[k];
            }
            output[i] = mean[i] + shift;
        }
    }
}
