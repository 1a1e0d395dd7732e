using CrInference.Core.Random;
using CrInference.Posterior.TestProblems;
using CrInference.Sampling.Comparison;

namespace CrInference.Sampling.Tests.Comparison;

/// <summary>Independent draws from posteriors known in closed form, as comparison-metric inputs.</summary>
internal static class ExactDraws
{
    /// <summary>n draws from the conjugate problem's posterior, N(m₁, v₁) per coordinate, with their ln L.</summary>
    public static WeightedSamples Conjugate(ConjugateGaussianProblem problem, int n, ulong seed)
    {
        int d = problem.Space.Dimension;
        var random = RandomKey.FromSeed(seed).Open();
        var positions = new double[n * d];
        var logLikelihoods = new double[n];
        for (int i = 0; i < n; i++)
        {
            var x = positions.AsSpan(i * d, d);
            for (int j = 0; j < d; j++)
            {
                var (m, v) = problem.TemperedMoments(j, 1.0);
                x[j] = m + Math.Sqrt(v) * random.NextGaussian();
            }
            logLikelihoods[i] = problem.LogLikelihood(x, []);
        }
        return WeightedSamples.Unweighted(d, positions, logLikelihoods);
    }

    /// <summary>n draws from N(0, Σ), Σ = (1 − ρ)I + ρ11ᵀ in 3-D (the box problem's likelihood, which is its
    /// posterior: the box is ≥ 10σ wide).</summary>
    public static WeightedSamples EquicorrelatedGaussian(GaussianProblem problem, int n, ulong seed)
    {
        const int d = 3;
        double rho = problem.Correlation;
        // Cholesky of Σ for σ = 1 by hand.
        double l00 = 1, l10 = rho, l11 = Math.Sqrt(1 - rho * rho), l20 = rho, l21 = (rho - rho * rho) / l11;
        double l22 = Math.Sqrt(1 - l20 * l20 - l21 * l21);
        var random = RandomKey.FromSeed(seed).Open();
        var positions = new double[n * d];
        var logLikelihoods = new double[n];
        for (int i = 0; i < n; i++)
        {
            double z0 = random.NextGaussian(), z1 = random.NextGaussian(), z2 = random.NextGaussian();
            var x = positions.AsSpan(i * d, d);
            x[0] = l00 * z0;
            x[1] = l10 * z0 + l11 * z1;
            x[2] = l20 * z0 + l21 * z1 + l22 * z2;
            logLikelihoods[i] = problem.LogLikelihood(x, []);
        }
        return WeightedSamples.Unweighted(d, positions, logLikelihoods);
    }

    /// <summary>D_KL(N(m, v) ‖ N(m₀, v₀)) = ½[ln(v₀/v) + (v + (m − m₀)²)/v₀ − 1].</summary>
    public static double GaussianDivergence(double m, double v, double m0, double v0) =>
        0.5 * (Math.Log(v0 / v) + (v + (m - m0) * (m - m0)) / v0 - 1);
}
