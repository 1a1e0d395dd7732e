using CrInference.Core.Random;
using CrInference.Sampling.Comparison;

namespace CrInference.Sampling.Tests.Comparison;

/// <summary>
/// Bayesian complexity on a linear-Gaussian model (Kunz, Trotta &amp; Parkinson 2006 §III): y_i = θ_i + ε_i,
/// ε_i ~ N(0, σ_i²), priors θ_i ~ N(0, s_i²). Three parameters are measured (Fisher f = 1/σ² = 100 ≫ prior
/// precision p = 1/s² = 0.01) and two are set by the prior (f = 1 ≪ p = 10⁴), so
/// C_b = Σ f/(f + p) = 3 × 100/100.01 + 2 × 1/10001 = 2.99990: the number of well-constrained parameters.
/// </summary>
public sealed class ModelComplexityTests
{
    private static readonly double[] Y = [0.3, -0.2, 0.5, 1.0, -1.0];
    private static readonly double[] NoiseSigma = [0.1, 0.1, 0.1, 1.0, 1.0];
    private static readonly double[] PriorSigma = [10, 10, 10, 0.01, 0.01];

    private static double Fisher(int i) => 1 / (NoiseSigma[i] * NoiseSigma[i]);

    private static double PriorPrecision(int i) => 1 / (PriorSigma[i] * PriorSigma[i]);

    private static double PosteriorVariance(int i) => 1 / (Fisher(i) + PriorPrecision(i));

    private static double PosteriorMean(int i) => PosteriorVariance(i) * Fisher(i) * Y[i];

    private static double ExpectedComplexity() => Enumerable.Range(0, 5).Sum(i => Fisher(i) * PosteriorVariance(i));

    /// <summary>ln L = −½ Σ (y − θ)²/σ² − Σ ln(√(2π) σ).</summary>
    private static double LogLikelihood(ReadOnlySpan<double> theta)
    {
        double sum = 0;
        for (int i = 0; i < 5; i++)
        {
            double r = (Y[i] - theta[i]) / NoiseSigma[i];
            sum += -0.5 * r * r - Math.Log(Math.Sqrt(2 * Math.PI) * NoiseSigma[i]);
        }
        return sum;
    }

    private static WeightedSamples PosteriorDraws(int n)
    {
        var random = RandomKey.FromSeed(21).Open();
        var positions = new double[n * 5];
        var logLikelihoods = new double[n];
        for (int k = 0; k < n; k++)
        {
            var theta = positions.AsSpan(k * 5, 5);
            for (int i = 0; i < 5; i++) theta[i] = PosteriorMean(i) + Math.Sqrt(PosteriorVariance(i)) * random.NextGaussian();
            logLikelihoods[k] = LogLikelihood(theta);
        }
        return WeightedSamples.Unweighted(5, positions, logLikelihoods);
    }

    [Fact]
    public void AtPosteriorMean_LinearGaussian_CountsTheWellConstrainedParameters()
    {
        var samples = PosteriorDraws(20_000);

        var complexity = ModelComplexity.AtPosteriorMean(samples, theta => LogLikelihood(theta));

        // ⟨χ²⟩ − χ²(θ̄) = tr(F Σ_post); Monte-Carlo sd √(2 Σ λ² / N) ≈ 0.017.
        Assert.Equal(2.99990, ExpectedComplexity(), 5);
        Assert.Equal(ExpectedComplexity(), complexity.Complexity, 0.07);
        Assert.Equal(complexity.MeanChiSquare - complexity.ChiSquareAtPoint, complexity.Complexity, 12);
    }

    [Fact]
    public void AtBestFit_LinearGaussian_AddsTheChiSquareDistanceFromMeanToBestFit()
    {
        var samples = PosteriorDraws(20_000);
        double maximum = LogLikelihood(Y);

        var complexity = ModelComplexity.AtBestFit(samples, maximum);

        // ⟨χ²⟩ − χ²(θ_ML) = tr(F Σ) + Σ f (m − y)²: the prior pulls θ4, θ5 to ≈ 0, a χ² distance of y4² + y5² ≈ 2.
        double expected = ExpectedComplexity() + Enumerable.Range(0, 5).Sum(i => Fisher(i) * Math.Pow(PosteriorMean(i) - Y[i], 2));
        Assert.Equal(expected, complexity.Complexity, 0.07);
        Assert.InRange(expected, 4.99, 5.0);
        Assert.Equal(0.0, complexity.ChiSquareAtPoint - 2 * Enumerable.Range(0, 5).Sum(i => Math.Log(Math.Sqrt(2 * Math.PI) * NoiseSigma[i])), 12);
    }

    [Fact]
    public void FromInformationGain_ClosedForms_EqualsTraceOfFisherTimesPosteriorCovariance()
    {
        // Exact D_KL = Σ KL(N(m, v) ‖ N(0, s²)), ln Z = Σ ln N(y; 0, σ² + s²), ln L(m): C_b = −2(D_KL − ln L(m) + ln Z).
        double divergence = 0, logEvidence = 0;
        var mean = new double[5];
        for (int i = 0; i < 5; i++)
        {
            mean[i] = PosteriorMean(i);
            divergence += ExactDraws.GaussianDivergence(mean[i], PosteriorVariance(i), 0, PriorSigma[i] * PriorSigma[i]);
            double total = NoiseSigma[i] * NoiseSigma[i] + PriorSigma[i] * PriorSigma[i];
            logEvidence += -0.5 * Math.Log(2 * Math.PI * total) - Y[i] * Y[i] / (2 * total);
        }

        Assert.Equal(ExpectedComplexity(), ModelComplexity.FromInformationGain(divergence, LogLikelihood(mean), logEvidence), 10);
    }

    [Fact]
    public void AtBestFit_WithoutMaximum_UsesTheBestSample()
    {
        var samples = new WeightedSamples(1, [0.0, 1.0, 2.0], [1, 1, 2], [-3.0, -1.0, -2.0]);

        var complexity = ModelComplexity.AtBestFit(samples);

        // ⟨χ²⟩ = 2(¼·3 + ¼·1 + ½·2) = 4; χ²(best sample) = 2.
        Assert.Equal(4.0, complexity.MeanChiSquare, 14);
        Assert.Equal(2.0, complexity.ChiSquareAtPoint, 14);
        Assert.Equal(2.0, complexity.Complexity, 14);
    }
}
