using CrInference.Core;
using CrInference.Core.Priors;

namespace CrInference.Posterior.TestProblems;

/// <summary>
/// <c>test/conjugate-gaussian</c>: the normalised likelihood L(x) = Π_i N(x_i; μ, σ²) under
/// independent normal priors N(m_i, s_i²) (untruncated; taken from the prior file). Everything is
/// closed form in any dimension (Bishop 2006, PRML §2.3.3), including the tempered posterior
/// p_β ∝ L^β π needed by thermodynamic integration and stepping stones: per coordinate the tempered
/// posterior is N(m_β, v_β) with 1/v_β = β/σ² + 1/s², m_β = v_β(βμ/σ² + m/s²);
/// ln Z_β = Σ_i [−(β/2) ln 2πσ² + ½ ln(v_β/s²) − ½(βμ²/σ² + m²/s² − m_β²/v_β)]; and
/// ⟨ln L⟩_β = d ln Z_β/dβ = Σ_i [−½ ln 2πσ² − ((m_β − μ)² + v_β)/(2σ²)]. At β = 1,
/// ln Z = Σ_i ln N(μ; m_i, σ² + s_i²).
/// </summary>
public sealed class ConjugateGaussianProblem : ITestProblem
{
    private readonly double[] _priorMean;
    private readonly double[] _priorVariance;

    public ConjugateGaussianProblem(ParameterSpace space, double mean = 0.5, double sigma = 0.2)
    {
        ArgumentNullException.ThrowIfNull(space);
        TestProblemMath.RequireDimension(space, 1, Name);
        if (!(sigma > 0) || double.IsInfinity(sigma)) throw new ArgumentException($"sigma must be finite and > 0 (got {sigma})", "sigma");
        if (double.IsNaN(mean) || double.IsInfinity(mean)) throw new ArgumentException($"mean must be finite (got {mean})", "mean");
        int d = space.Dimension;
        _priorMean = new double[d];
        _priorVariance = new double[d];
        for (int i = 0; i < d; i++)
        {
            if (space.Parameters[i].Prior is not NormalPrior { Kind: "normal" } normal)
            {
                throw new ArgumentException($"{Name} needs untruncated normal priors; parameter '{space.Parameters[i].Name}' has a {space.Parameters[i].Prior.Kind} prior");
            }
            _priorMean[i] = normal.Mean;
            _priorVariance[i] = normal.Sigma * normal.Sigma;
        }
        Space = space;
        Mean = mean;
        Sigma = sigma;
    }

    public string Name => "test/conjugate-gaussian";

    public ParameterSpace Space { get; }

    public IReadOnlyList<string> DerivedNames => [];

    /// <summary>Likelihood mean μ (the same in every coordinate).</summary>
    public double Mean { get; }

    /// <summary>Likelihood standard deviation σ.</summary>
    public double Sigma { get; }

    public double? ExactLogEvidence => LogTemperedEvidence(1.0);

    public double LogLikelihood(ReadOnlySpan<double> sampled, Span<double> derived)
    {
        int d = Space.Dimension;
        Span<double> x = stackalloc double[d];
        Space.ToPhysical(sampled, x);
        double sum = 0;
        for (int i = 0; i < d; i++)
        {
            double t = (x[i] - Mean) / Sigma;
            sum += t * t;
        }
        return -0.5 * sum - 0.5 * d * Math.Log(2 * Math.PI * Sigma * Sigma);
    }

    /// <summary>ln Z_β = ln ∫ L^β π for inverse temperature β ∈ [0, 1].</summary>
    public double LogTemperedEvidence(double beta)
    {
        CheckBeta(beta);
        double variance = Sigma * Sigma;
        double sum = 0;
        for (int i = 0; i < _priorMean.Length; i++)
        {
            var (m, v) = TemperedMoments(i, beta);
            double s2 = _priorVariance[i];
            sum += -0.5 * beta * Math.Log(2 * Math.PI * variance) + 0.5 * Math.Log(v / s2)
                - 0.5 * (beta * Mean * Mean / variance + _priorMean[i] * _priorMean[i] / s2 - m * m / v);
        }
        return sum;
    }

    /// <summary>⟨ln L⟩ under p_β ∝ L^β π, the integrand of thermodynamic integration.</summary>
    public double MeanLogLikelihood(double beta)
    {
        CheckBeta(beta);
        double variance = Sigma * Sigma;
        double sum = 0;
        for (int i = 0; i < _priorMean.Length; i++)
        {
            var (m, v) = TemperedMoments(i, beta);
            sum += -0.5 * Math.Log(2 * Math.PI * variance) - ((m - Mean) * (m - Mean) + v) / (2 * variance);
        }
        return sum;
    }

    /// <summary>Mean and variance of coordinate <paramref name="index"/> under p_β.</summary>
    public (double Mean, double Variance) TemperedMoments(int index, double beta)
    {
        double precision = beta / (Sigma * Sigma) + 1 / _priorVariance[index];
        double variance = 1 / precision;
        double mean = variance * (beta * Mean / (Sigma * Sigma) + _priorMean[index] / _priorVariance[index]);
        return (mean, variance);
    }

    private static void CheckBeta(double beta)
    {
        if (!(beta >= 0 && beta <= 1)) throw new ArgumentOutOfRangeException(nameof(beta), beta, "inverse temperature must lie in [0, 1]");
    }
}
