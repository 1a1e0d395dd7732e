using CrInference.Core;
using CrInference.Core.Priors;

namespace CrInference.Posterior.TestProblems;

/// <summary>
/// <c>test/gaussian</c>: a correlated multivariate normal likelihood, normalised as a density in x,
/// L(x) = N(x; μ1, Σ) with Σ_ij = σ²[(1 − ρ)δ_ij + ρ] (equicorrelation ρ, needs −1/(D − 1) &lt; ρ &lt; 1).
/// Because ∫ L dx = 1, a uniform box prior that holds the Gaussian gives
/// ln Z = −Σ ln(max_i − min_i) + ln P(box) — for [−10, 10]³ and σ = 1, ln Z = −3 ln 20 = −8.98720
/// (dynesty <c>tests/test_gau.py</c> uses the same construction). The posterior is then N(μ1, Σ)
/// truncated to the box.
/// </summary>
public sealed class GaussianProblem : ITestProblem
{
    private readonly double[] _lower;
    private readonly double _logNormaliser;

    public GaussianProblem(ParameterSpace space, double mean = 0.0, double sigma = 1.0, double correlation = 0.0)
    {
        ArgumentNullException.ThrowIfNull(space);
        TestProblemMath.RequireDimension(space, 1, Name);
        if (!(sigma > 0) || double.IsInfinity(sigma)) throw new ArgumentException($"sigma must be finite and > 0 (got {sigma})", "sigma");
        if (double.IsNaN(mean) || double.IsInfinity(mean)) throw new ArgumentException($"mean must be finite (got {mean})", "mean");
        int d = space.Dimension;
        double lowest = d > 1 ? -1.0 / (d - 1) : -1.0;
        if (!(correlation > lowest && correlation < 1))
        {
            throw new ArgumentException($"correlation must lie in ({lowest:G4}, 1) for {d} parameters (got {correlation})", "correlation");
        }
        Space = space;
        Mean = mean;
        Sigma = sigma;
        Correlation = correlation;
        _lower = CholeskyOfCovariance(d, sigma, correlation);
        double logDeterminant = 0;
        for (int i = 0; i < d; i++) logDeterminant += Math.Log(_lower[i * d + i]);
        _logNormaliser = -0.5 * d * Math.Log(2 * Math.PI) - logDeterminant;
        ExactLogEvidence = ComputeLogEvidence();
    }

    public string Name => "test/gaussian";

    public ParameterSpace Space { get; }

    public IReadOnlyList<string> DerivedNames => [];

    public double Mean { get; }

    public double Sigma { get; }

    public double Correlation { get; }

    public double? ExactLogEvidence { get; }

    /// <summary>Σ_ij of the likelihood (the posterior covariance when the prior box is wide).</summary>
    public double Covariance(int i, int j) => Sigma * Sigma * (i == j ? 1.0 : Correlation);

    public double LogLikelihood(ReadOnlySpan<double> sampled, Span<double> derived)
    {
        int d = Space.Dimension;
        Span<double> x = stackalloc double[d];
        Space.ToPhysical(sampled, x);
        double quadratic = 0;
        for (int i = 0; i < d; i++)
        {
            double sum = x[i] - Mean;
            for (int k = 0; k < i; k++) sum -= _lower[i * d + k] * x[k];
            x[i] = sum / _lower[i * d + i];
            quadratic += x[i] * x[i];
        }
        return _logNormaliser - 0.5 * quadratic;
    }

    private double? ComputeLogEvidence()
    {
        var box = TestProblemMath.UniformBounds(Space);
        if (box is null) return null;
        var (min, max) = box.Value;
        double logDensity = TestProblemMath.LogBoxDensity(box.Value);
        if (Correlation == 0)
        {
            double logMass = 0;
            for (int i = 0; i < min.Length; i++)
            {
                logMass += Math.Log(StandardNormal.Cdf((max[i] - Mean) / Sigma) - StandardNormal.Cdf((min[i] - Mean) / Sigma));
            }
            return logDensity + logMass;
        }
        // Every marginal ≥ 10σ inside the box: the mass outside is below D × 1.6e-23, far below round-off.
        for (int i = 0; i < min.Length; i++)
        {
            if (Mean - min[i] < 10 * Sigma || max[i] - Mean < 10 * Sigma) return null;
        }
        return logDensity;
    }

    private static double[] CholeskyOfCovariance(int d, double sigma, double correlation)
    {
        var lower = new double[d * d];
        for (int j = 0; j < d; j++)
        {
            double diagonal = sigma * sigma;
            for (int k = 0; k < j; k++) diagonal -= lower[j * d + k] * lower[j * d + k];
            double pivot = Math.Sqrt(diagonal);
            lower[j * d + j] = pivot;
            for (int i = j + 1; i < d; i++)
            {
                double sum = sigma * sigma * correlation;
                for (int k = 0; k < j; k++) sum -= lower[i * d + k] * lower[j * d + k];
                lower[i * d + j] = sum / pivot;
            }
        }
        return lower;
    }
}
