namespace CrInference.Sampling.Comparison;

/// <summary>A Bayesian complexity C_b = ⟨χ²⟩_post − χ²(θ̂) and its two terms, with χ² = −2 ln L
/// (any constant in ln L cancels).</summary>
/// <param name="MeanChiSquare">⟨χ²⟩ over the posterior (weighted).</param>
/// <param name="ChiSquareAtPoint">χ²(θ̂) at the chosen point estimate.</param>
/// <param name="Complexity">C_b, the effective number of parameters the data constrain.</param>
public sealed record BayesianComplexity(double MeanChiSquare, double ChiSquareAtPoint, double Complexity);

/// <summary>
/// Bayesian model complexity (Kunz, Trotta &amp; Parkinson 2006, PRD 74, 023503, eqs. 12–16):
/// C_b = −2(D_KL − D̂_KL), with D̂_KL = ln L(θ̂) − ln Z the information gain a point estimate would
/// claim; since D_KL = ⟨ln L⟩ − ln Z, C_b = ⟨χ²⟩ − χ²(θ̂) and needs no evidence. It counts the
/// parameters the data measure: for a linear-Gaussian model with Fisher matrix F and prior precision P,
/// C_b = tr[F(F + P)⁻¹] — 1 for a parameter the data pin down, 0 for one the prior alone sets. It equals
/// the DIC's p_D (Spiegelhalter et al. 2002). KTP06 take θ̂ = the posterior mean
/// (<see cref="AtPosteriorMean"/>, which depends on the coordinates the mean is taken in: here the
/// sampled ones); <see cref="AtBestFit"/> is the best-fit variant, which adds the χ² distance between
/// posterior mean and best fit and therefore is ≥ the mean variant for a Gaussian likelihood.
/// </summary>
public static class ModelComplexity
{
    /// <summary>C_b with θ̂ the weighted posterior mean in sampled coordinates; <paramref name="logLikelihoodAt"/>
    /// evaluates ln L at a point in sampled coordinates.</summary>
    public static BayesianComplexity AtPosteriorMean(WeightedSamples samples, Func<double[], double> logLikelihoodAt)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(logLikelihoodAt);
        double atMean = logLikelihoodAt(samples.Mean());
        return FromLogLikelihoods(samples.MeanLogLikelihood(), atMean);
    }

    /// <summary>C_b with θ̂ the best fit: χ²(θ̂) = −2 <paramref name="maximumLogLikelihood"/>, or, when it is
    /// null, −2 × the largest ln L among the samples (an upper bound on χ²_min, so C_b is then slightly low).</summary>
    public static BayesianComplexity AtBestFit(WeightedSamples samples, double? maximumLogLikelihood = null)
    {
        ArgumentNullException.ThrowIfNull(samples);
        double best = maximumLogLikelihood ?? double.NegativeInfinity;
        if (maximumLogLikelihood is null)
        {
            foreach (double x in samples.LogLikelihoods) best = Math.Max(best, x);
        }
        return FromLogLikelihoods(samples.MeanLogLikelihood(), best);
    }

    /// <summary>C_b = −2(D_KL − D̂_KL) with D̂_KL = ln L(θ̂) − ln Z (KTP06 eq. 12), from an information gain
    /// obtained elsewhere (e.g. <see cref="InformationGain.NearestNeighbour"/> with a known ln Z).</summary>
    public static double FromInformationGain(double informationGain, double logLikelihoodAtPoint, double logEvidence) =>
        -2.0 * (informationGain - (logLikelihoodAtPoint - logEvidence));

    private static BayesianComplexity FromLogLikelihoods(double meanLogLikelihood, double logLikelihoodAtPoint)
    {
        double meanChiSquare = -2.0 * meanLogLikelihood;
        double atPoint = -2.0 * logLikelihoodAtPoint;
        return new BayesianComplexity(meanChiSquare, atPoint, meanChiSquare - atPoint);
    }
}
