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

    /// <summary>P(χ²_ν ≥ x) = Q(ν/2, x/2), the regularised upper incomplete gamma function
    /// (Numerical Recipes 3rd ed. §6.2: series for x &lt; a + 1, Lentz continued fraction otherwise).</summary>
    public static double ChiSquareUpperTail(double chiSquare, int degreesOfFreedom)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(degreesOfFreedom);
        if (double.IsNaN(chiSquare)) return double.NaN;
        if (chiSquare <= 0) return 1.0;
        if (double.IsPositiveInfinity(chiSquare)) return 0.0;
        double a = 0.5 * degreesOfFreedom, x = 0.5 * chiSquare;
        double logPrefactor = -x + a * Math.Log(x) - LogGamma(a);
        if (x < a + 1)
        {
            double term = 1 / a, sum = term;
            for (double n = a + 1; n < a + 10_000; n += 1)
            {
                term *= x / n;
                sum += term;
                if (Math.Abs(term) < Math.Abs(sum) * 1e-16) break;
            }
            return Math.Max(0.0, 1.0 - sum * Math.Exp(logPrefactor));
        }
        const double tiny = 1e-300;
        double b = x + 1 - a, c = 1 / tiny, d = 1 / b, h = d;
        for (int i = 1; i < 10_000; i++)
        {
            double an = -i * (i - a);
            b += 2;
            d = an * d + b;
            if (Math.Abs(d) < tiny) d = tiny;
            c = b + an / c;
            if (Math.Abs(c) < tiny) c = tiny;
            d = 1 / d;
            double delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < 1e-16) break;
        }
        return Math.Exp(logPrefactor) * h;
    }

    /// <summary>ln Γ(a) for a = ν/2: exact by recursion from Γ(1) = 1 or Γ(½) = √π.</summary>
    private static double LogGamma(double a)
    {
        double value = Math.Abs(a - Math.Floor(a)) < 0.25 ? 0.0 : 0.5 * Math.Log(Math.PI);
        for (double x = a - 1; x > 0.25; x -= 1) value += Math.Log(x);
        return value;
    }
}
