using CrInference.Core;
using CrInference.Posterior.TestProblems;

namespace CrInference.Sampling.Tests.Nested;

/// <summary>A unit 2-D Gaussian at (−5, 0) on U[−10, 10]² whose likelihood is zero (ln L = −∞)
/// wherever x1 ≥ 0, i.e. on half the prior.</summary>
internal sealed class HalfPlanePosterior : IPosterior
{
    private readonly GaussianProblem _gaussian =
        new(TestProblemCatalog.Space(2, () => Core.Priors.UniformPrior.FromBounds(-10, 10)));

    public ParameterSpace Space => _gaussian.Space;

    public IReadOnlyList<string> DerivedNames => [];

    public double LogLikelihood(ReadOnlySpan<double> sampled, Span<double> derived)
    {
        if (sampled[0] >= 0) return double.NegativeInfinity;
        Span<double> shifted = [sampled[0] + 5, sampled[1]];
        return _gaussian.LogLikelihood(shifted, derived);
    }
}
