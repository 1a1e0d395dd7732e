using CrInference.Core;
using CrInference.Core.Priors;

namespace CrInference.Sampling.Benchmarks;

/// <summary>
/// The benchmark target: a d-dimensional standard Gaussian log-likelihood −½ Σ xᵢ² under uniform priors
/// on [−1000, 1000] (flat where the Gaussian has mass, so the posterior is the Gaussian to 1e-200).
/// The same density as <c>scripts/bench/emcee_gaussian.py</c>.
/// </summary>
public sealed class StandardGaussianPosterior : IPosterior
{
    /// <summary>Half-width of the uniform priors.</summary>
    public const double PriorHalfWidth = 1000.0;

    public StandardGaussianPosterior(int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        Space = new ParameterSpace(Enumerable.Range(0, dimension).Select(i =>
            new ParameterSpec(FormattableString.Invariant($"x{i}"), FormattableString.Invariant($"x_{{{i}}}"), "", UniformPrior.FromBounds(-PriorHalfWidth, PriorHalfWidth))));
    }

    public ParameterSpace Space { get; }

    public IReadOnlyList<string> DerivedNames => [];

    public double LogLikelihood(ReadOnlySpan<double> sampled, Span<double> derived)
    {
        double sum = 0;
        for (int i = 0; i < sampled.Length; i++)
        {
            sum += sampled[i] * sampled[i];
        }
        return -0.5 * sum;
    }
}
