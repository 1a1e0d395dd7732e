using CrInference.Data;

namespace CrInference.Posterior.Likelihood;

/// <summary>
/// The covariance of one table's kept points (open choice D.32, docs/CONVENTIONS.md):
/// C = diag(σ_stat²) + Σ_c s_c,i s_c,j ρ(Δ_ij), with Δ_ij = log₁₀(x_i/x_j) on the table's axis (R or E_k/n) and the
/// Gaussian kernel ρ(Δ) = exp[−Δ²/(2ℓ²)], ℓ in decades. The sum runs over the systematic components the table
/// lists (AMS-02 carbon 2017: acceptance, unfolding, rigidity scale — independent sources, each correlated along
/// the axis), else over the total systematic error alone. Without correlation C = diag(σ_stat² + σ_sys²).
/// </summary>
public static class CovarianceAssembly
{
    /// <summary>
    /// The statistical error used in the likelihood: the published one, or, where the table printed 0 (below its
    /// rounding, data/README.md), half of the last printed digit (<see cref="DataPoint.LastPrintedDigit"/>): the
    /// largest error that still prints as 0. Throws where a zero error has no known rounding.
    /// </summary>
    public static double StatisticalError(DataPoint point, string datasetId)
    {
        ArgumentNullException.ThrowIfNull(point);
        if (point.StatError > 0) return point.StatError;
        if (point.LastPrintedDigit > 0) return 0.5 * point.LastPrintedDigit;
        throw new ArgumentException(FormattableString.Invariant(
            $"dataset {datasetId}: the point at {point.Centre:G6} has stat_err = 0 and its table's rounding is unknown, so no floor can be set"));
    }

    /// <summary>Gaussian kernel ρ = exp[−Δ²/(2ℓ²)] for Δ = log₁₀(x_i/x_j) and ℓ in decades.</summary>
    public static double Correlation(double axisI, double axisJ, double lengthDecades)
    {
        double delta = Math.Log10(axisI / axisJ);
        return Math.Exp(-delta * delta / (2 * lengthDecades * lengthDecades));
    }

    /// <summary>
    /// Row-major n×n covariance of <paramref name="points"/> (axis values = their centres). With
    /// <paramref name="correlationLengthDecades"/> null the points are independent (σ_stat² + σ_sys² on the diagonal);
    /// +∞ correlates each component fully (ρ = 1). Every element depends on its two points only, so the covariance of
    /// a cut is the sub-block of the uncut one: mock data drawn for a whole table (<see cref="DatasetCut.None"/>) have,
    /// on any cut, exactly the error model a fit with that cut uses.
    /// </summary>
    public static double[] Build(IReadOnlyList<DataPoint> points, string datasetId, double? correlationLengthDecades)
    {
        ArgumentNullException.ThrowIfNull(points);
        int n = points.Count;
        var stat = new double[n];
        for (int i = 0; i < n; i++) stat[i] = StatisticalError(points[i], datasetId);
        var cov = new double[n * n];
        if (correlationLengthDecades is not double ell)
        {
            for (int i = 0; i < n; i++) cov[i * n + i] = stat[i] * stat[i] + points[i].SysError * points[i].SysError;
            return cov;
        }
        if (!(ell > 0))
        {
            throw new ArgumentException($"dataset {datasetId}: correlation length must be > 0 decades (got {ell})");
        }
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double rho = i == j ? 1 : Correlation(points[i].Centre, points[j].Centre, ell);
                double value = rho * SystematicProduct(points[i], points[j]);
                cov[i * n + j] = value;
                cov[j * n + i] = value;
            }
            cov[i * n + i] += stat[i] * stat[i];
        }
        return cov;
    }

    /// <summary>Σ_c s_c,i s_c,j over the listed components, or s_i s_j of the totals.</summary>
    private static double SystematicProduct(DataPoint a, DataPoint b)
    {
        if (a.SysComponents.IsEmpty) return a.SysError * b.SysError;
        double sum = 0;
        for (int c = 0; c < a.SysComponents.Length; c++) sum += a.SysComponents[c] * b.SysComponents[c];
        return sum;
    }
}
