namespace CrInference.Posterior.Likelihood;

/// <summary>
/// Multivariate normal likelihood of data d given a prediction m with a fixed covariance C:
/// ln L = −½ (d − m)ᵀ C⁻¹ (d − m) − ½ ln det(2πC). C is factorised once (Cholesky, C = LLᵀ);
/// each evaluation solves L z = d − m. A diagonal C skips the factorisation.
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

    /// <summary>Independent errors σ_i.</summary>
    public static GaussianLikelihood Diagonal(IReadOnlyList<double> data, IReadOnlyList<double> sigma)
    {
        int n = data.Count;
        double norm = 0;
        var s = new double[n];
        for (int i = 0; i < n; i++)
        {
            if (!(sigma[i] > 0)) throw new ArgumentException($"error of point {i} must be > 0 (got {sigma[i]})");
            s[i] = sigma[i];
            norm -= 0.5 * Math.Log(2 * Math.PI * sigma[i] * sigma[i]);
        }
        return new GaussianLikelihood([.. data], s, null, norm);
    }

    /// <summary>Full covariance (row-major n×n, symmetric positive definite).</summary>
    public static GaussianLikelihood WithCovariance(IReadOnlyList<double> data, double[] covariance)
    {
        int n = data.Count;
        if (covariance.Length != n * n) throw new ArgumentException("covariance must be n×n");
        var l = new double[n * n];
        double logDet = 0;
        for (int j = 0; j < n; j++)
        {
            double diagonal = covariance[j * n + j];
            for (int k = 0; k < j; k++) diagonal -= l[j * n + k] * l[j * n + k];
            if (!(diagonal > 0)) throw new ArgumentException($"covariance is not positive definite at point {j}");
            double ljj = Math.Sqrt(diagonal);
            l[j * n + j] = ljj;
            logDet += 2 * Math.Log(ljj);
            for (int i = j + 1; i < n; i++)
            {
                double sum = covariance[i * n + j];
                for (int k = 0; k < j; k++) sum -= l[i * n + k] * l[j * n + k];
                l[i * n + j] = sum / ljj;
            }
        }
        double norm = -0.5 * (n * Math.Log(2 * Math.PI) + logDet);
        return new GaussianLikelihood([.. data], null, l, norm);
    }

    /// <summary>χ² = (d − m)ᵀ C⁻¹ (d − m) for <paramref name="prediction"/> (length <see cref="Count"/>).</summary>
    public double ChiSquare(ReadOnlySpan<double> prediction)
    {
        int n = _data.Length;
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
}
