using CrInference.Core.Priors;

namespace CrInference.Sampling.Calibration;

/// <summary>
/// How often the truth fell inside its central credible interval of probability <see cref="Nominal"/>, over N
/// replicates, against the binomial spread under calibration: σ = √(p(1 − p)/N) of the fraction. The check passes
/// when the fraction is within 3σ of nominal; <see cref="PValue"/> (two-sided, normal approximation to the binomial)
/// feeds a Bonferroni-corrected joint test over every check of a study (<see cref="JointPasses"/>).
/// </summary>
/// <param name="Nominal">The interval's probability (0.68, 0.95).</param>
/// <param name="Hits">Replicates whose truth lay inside.</param>
/// <param name="Replicates">N.</param>
public sealed record CoverageCheck(double Nominal, int Hits, int Replicates)
{
    /// <summary>Hits/N.</summary>
    public double Fraction => (double)Hits / Replicates;

    /// <summary>√(p(1 − p)/N) at p = nominal: the standard deviation of the fraction under calibration.</summary>
    public double BinomialError => Math.Sqrt(Nominal * (1 - Nominal) / Replicates);

    /// <summary>(fraction − nominal)/σ.</summary>
    public double ZScore => (Fraction - Nominal) / BinomialError;

    /// <summary>Two-sided p = 2(1 − Φ(|z|)).</summary>
    public double PValue => 2 * (1 - StandardNormal.Cdf(Math.Abs(ZScore)));

    /// <summary>|z| ≤ 3.</summary>
    public bool WithinThreeSigma => Math.Abs(ZScore) <= 3;

    /// <summary>The Bonferroni-corrected joint test at level <paramref name="alpha"/>: every one of the m p-values is
    /// ≥ α/m (family-wise error ≤ α whatever the dependence between the checks).</summary>
    public static bool JointPasses(IReadOnlyCollection<double> pValues, double alpha)
    {
        ArgumentNullException.ThrowIfNull(pValues);
        if (pValues.Count == 0) return true;
        return pValues.All(p => p >= alpha / pValues.Count);
    }
}
