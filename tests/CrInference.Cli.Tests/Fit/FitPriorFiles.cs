using System.Globalization;

namespace CrInference.Cli.Tests.Fit;

/// <summary>Prior files for the fit tests.</summary>
internal static class FitPriorFiles
{
    /// <summary>Mean of every coordinate of <see cref="Gaussian"/>.</summary>
    public const double Mean = 1.0;

    /// <summary>Marginal standard deviation of every coordinate of <see cref="Gaussian"/>.</summary>
    public const double Sigma = 2.0;

    /// <summary>
    /// <c>test/gaussian</c> in 3-D: L(x) = N(x; 1·(1, 1, 1), Σ), Σ_ij = 2²[(1 − 0.5)δ_ij + 0.5], normalised,
    /// under uniform priors on [−10, 12] (5.5 σ on each side of the mean, so the truncation moves the
    /// marginal mean and sd by &lt; 1e-6): the posterior marginals are N(1, 2²) to that accuracy.
    /// </summary>
    public static string Gaussian(int walkers = 32, long steps = 1500, int seed = 3) => string.Create(CultureInfo.InvariantCulture, $$"""
        # analytic posterior: N(1, 2^2) marginals, correlation 0.5
        model: test/gaussian
        params:
          x1: { prior: uniform, min: -10, max: 12 }
          x2: { prior: uniform, min: -10, max: 12, ref: { mean: 1, sigma: 0.5 } }
          x3: { prior: uniform, min: -10, max: 12 }
        problem: { dimension: 3, mean: 1, sigma: 2, correlation: 0.5 }
        sampler: { walkers: {{walkers}}, steps: {{steps}}, seed: {{seed}} }
        """);

    /// <summary>
    /// A 2-D <c>test/gaussian</c> with a log-uniform prior on x2 (sampled in ln x2), for resume tests:
    /// the chain file stores exp(y) while the checkpoint stores y itself.
    /// </summary>
    public static string LogUniform(int walkers = 8, long steps = 1000, int seed = 11) => string.Create(CultureInfo.InvariantCulture, $$"""
        model: test/gaussian
        params:
          x1: { prior: uniform, min: -10, max: 10 }
          x2: { prior: log-uniform, min: 0.01, max: 100, ref: { mean: 2, sigma: 0.5 } }
        problem: { dimension: 2, mean: 2, sigma: 1 }
        sampler: { walkers: {{walkers}}, steps: {{steps}}, seed: {{seed}}, moves: { stretch: 0.7, de: 0.3 } }
        """);
}
