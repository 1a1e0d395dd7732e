using MathNet.Numerics;

namespace CrInference.Sampling.Comparison;

/// <summary>χ² of one dataset at the best fit and its number of data points.</summary>
public sealed record DatasetChiSquare(string Name, double ChiSquare, int Points);

/// <summary>One dataset's line: χ²_i / N_i ("per point").</summary>
public sealed record DatasetFit(string Name, double ChiSquare, int Points, double ChiSquarePerPoint);

/// <summary>The goodness of fit of one model. <see cref="DegreesOfFreedom"/> = Σ N_i − k;
/// <see cref="PValue"/> = P(χ²_ν ≥ χ²_total), the upper tail of the χ² distribution with ν degrees of freedom.</summary>
public sealed record ChiSquareSummary(
    IReadOnlyList<DatasetFit> Datasets,
    double TotalChiSquare,
    int TotalPoints,
    int FreeParameters,
    int DegreesOfFreedom,
    double ReducedChiSquare,
    double PValue);

/// <summary>
/// χ²_min/dof. Convention: the model's k free parameters (every sampled parameter, nuisance ones such as
/// solar-modulation potentials included) are shared by all datasets, so only the total has a definite
/// number of degrees of freedom, ν = Σ N_i − k, and the total line is χ²/ν with its p-value; each dataset
/// is reported as χ²_i/N_i (per point, no parameters subtracted). Correlated errors are whatever the
/// likelihood's χ² already includes.
/// </summary>
public static class GoodnessOfFit
{
    /// <summary>Per-dataset χ²/N and the total χ²/(N − k) with its p-value (NaN when ν ≤ 0).</summary>
    public static ChiSquareSummary Summarize(IReadOnlyList<DatasetChiSquare> datasets, int freeParameters)
    {
        ArgumentNullException.ThrowIfNull(datasets);
        ArgumentOutOfRangeException.ThrowIfNegative(freeParameters);
        var lines = new List<DatasetFit>(datasets.Count);
        double total = 0;
        int points = 0;
        foreach (var d in datasets)
        {
            if (d.Points < 1) throw new ArgumentException($"dataset '{d.Name}' has {d.Points} points");
            lines.Add(new DatasetFit(d.Name, d.ChiSquare, d.Points, d.ChiSquare / d.Points));
            total += d.ChiSquare;
            points += d.Points;
        }
        int dof = points - freeParameters;
        double reduced = dof > 0 ? total / dof : double.NaN;
        double pValue = dof > 0 ? ChiSquareUpperTail(total, dof) : double.NaN;
        return new ChiSquareSummary(lines, total, points, freeParameters, dof, reduced, pValue);
    }

    /// <summary>P(χ²_ν ≥ x) = Q(ν/2, x/2), the regularised upper incomplete gamma function (MathNet.Numerics).</summary>
    public static double ChiSquareUpperTail(double chiSquare, int degreesOfFreedom)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(degreesOfFreedom);
        if (double.IsNaN(chiSquare)) return double.NaN;
        if (chiSquare <= 0) return 1.0;
        if (double.IsPositiveInfinity(chiSquare)) return 0.0;
        return SpecialFunctions.GammaUpperRegularized(0.5 * degreesOfFreedom, 0.5 * chiSquare);
    }
}
