using CrInference.Core.Priors;
using CrInference.Posterior.TestProblems;
using CrInference.Sampling.Comparison;
using CrInference.Sampling.Nested;
using CrInference.Sampling.Tests.Nested;
using CrInference.Sampling.Tests.Tempering;

namespace CrInference.Sampling.Tests.Comparison;

/// <summary>D_KL(posterior ‖ prior) against closed forms: Gaussian likelihood × Gaussian prior (sum of
/// Gaussian divergences) and a Gaussian in a uniform box (ln V_box − ½ ln[(2πe)^D |Σ|]).</summary>
public sealed class InformationGainTests
{
    private static double ConjugateDivergence(ConjugateGaussianProblem problem)
    {
        double sum = 0;
        for (int j = 0; j < problem.Space.Dimension; j++)
        {
            var (m, v) = problem.TemperedMoments(j, 1.0);
            sum += ExactDraws.GaussianDivergence(m, v, 0, 1);
        }
        return sum;
    }

    /// <summary>3 ln 20 − ½ ln[(2πe)³ · |Σ|], |Σ| = (1 − ρ)²(1 + 2ρ) = 0.5 for ρ = 0.5: 5.07695 nats.</summary>
    private static readonly double BoxDivergence = 3 * Math.Log(20) - 0.5 * (3 * Math.Log(2 * Math.PI * Math.E) + Math.Log(0.5));

    [Fact]
    public void ClosedForms_DivergenceEqualsMeanLogLikelihoodMinusLogEvidence()
    {
        // D_KL = ⟨ln L⟩_post − ln Z holds exactly because p = Lπ/Z: both sides from the problem's closed forms.
        var problem = TemperingTestSupport.Conjugate(3);

        Assert.Equal(ConjugateDivergence(problem), problem.MeanLogLikelihood(1.0) - problem.ExactLogEvidence!.Value, 12);
        Assert.Equal(5.07695, BoxDivergence, 5);
    }

    [Fact]
    public void FromEvidence_ExactConjugateDraws_MatchesClosedForm()
    {
        var problem = TemperingTestSupport.Conjugate(3);
        var samples = ExactDraws.Conjugate(problem, 20_000, seed: 11);

        // sd(ln L) under the posterior = √(Var₁ ln L) ≈ 1.23, so the mean over 20 000 draws is good to 0.009.
        Assert.Equal(ConjugateDivergence(problem), InformationGain.FromEvidence(samples, problem.ExactLogEvidence!.Value), 0.04);
    }

    [Fact]
    public void FromEvidence_GaussianInBox_MatchesClosedForm()
    {
        var problem = TemperingTestSupport.Box3d();
        var samples = ExactDraws.EquicorrelatedGaussian(problem, 20_000, seed: 12);

        // ⟨ln L⟩ = −½ ln[(2π)³|Σ|] − 3/2 exactly; sd(ln L) = √(3/2), mean good to 0.009.
        Assert.Equal(BoxDivergence, InformationGain.FromEvidence(samples, problem.ExactLogEvidence!.Value), 0.04);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(5)]
    public void NearestNeighbour_ExactConjugateDraws_MatchesClosedForm(int dimension)
    {
        var problem = TemperingTestSupport.Conjugate(dimension);
        var samples = ExactDraws.Conjugate(problem, 3000, seed: 13);

        var estimate = InformationGain.NearestNeighbour(samples, problem.Space);

        // Statistical sd ≈ √(Var ln p / N) = √(D/2/3000) ≈ 0.02–0.03; the k = 4 estimator's bias is smaller.
        Assert.Equal(ConjugateDivergence(problem), estimate.InformationGain, 0.1);
        Assert.Equal(3000, estimate.SamplesUsed);
        Assert.Equal(0, estimate.DuplicatesDropped);
    }

    [Fact]
    public void NearestNeighbour_GaussianInBox_MatchesClosedForm()
    {
        var problem = TemperingTestSupport.Box3d();
        var samples = ExactDraws.EquicorrelatedGaussian(problem, 3000, seed: 14);

        var estimate = InformationGain.NearestNeighbour(samples, problem.Space);

        Assert.Equal(BoxDivergence, estimate.InformationGain, 0.1);
        // The cross-entropy part is exact: −ln π = 3 ln 20 for every sample.
        Assert.Equal(3 * Math.Log(20), estimate.PriorCrossEntropy, 12);
    }

    [Fact]
    public void NearestNeighbour_RepeatedDraws_AreDroppedAndChangeNothing()
    {
        var problem = TemperingTestSupport.Conjugate(2);
        var once = ExactDraws.Conjugate(problem, 1000, seed: 15);
        var positions = once.Positions.ToArray().Concat(once.Positions.ToArray()).ToArray();
        var logLikelihoods = once.LogLikelihoods.ToArray().Concat(once.LogLikelihoods.ToArray()).ToArray();
        var twice = WeightedSamples.Unweighted(2, positions, logLikelihoods);

        var a = InformationGain.NearestNeighbour(once, problem.Space);
        var b = InformationGain.NearestNeighbour(twice, problem.Space);

        Assert.Equal(1000, b.DuplicatesDropped);
        Assert.Equal(a.PosteriorEntropy, b.PosteriorEntropy, 12);
        Assert.Equal(a.InformationGain, b.InformationGain, 12);
    }

    [Fact]
    public void NearestNeighbour_WeightedSamples_Refuses()
    {
        var problem = TemperingTestSupport.Conjugate(1);
        var samples = new WeightedSamples(1, [0.1, 0.2, 0.3, 0.4, 0.5, 0.6], [1, 2, 1, 1, 1, 1], [0, 0, 0, 0, 0, 0]);

        Assert.Throws<ArgumentException>(() => InformationGain.NearestNeighbour(samples, problem.Space));
    }

    [Fact]
    public void FromEvidence_NestedRun_AgreesWithItsInformationAndTheClosedForm()
    {
        var problem = new ConjugateGaussianProblem(TestProblemCatalog.Space(2, () => NormalPrior.FromMeanAndSigma(0, 1)), 0.5, 0.2);
        var run = NestedSampler.Run(problem, new NestedSettings(), NestedTestSupport.Key);
        var samples = WeightedSamples.FromNested(run);

        double fromSamples = InformationGain.FromEvidence(samples, run.LogZ);

        // The same quantity by two quadratures of one run; the run's ln Z error (≈ 0.07) shifts both alike.
        Assert.Equal(run.Information, fromSamples, 0.05);
        Assert.Equal(ConjugateDivergence(problem), fromSamples, 3 * run.LogZError + 0.05);
        Assert.Equal(run.DeadPoints.Length, samples.Count);
        Assert.False(samples.IsEquallyWeighted);
    }

    [Theory]
    [InlineData(1, -0.57721566490153286)]
    [InlineData(2, 0.42278433509846714)]
    [InlineData(10, 2.2517525890667211)]
    public void Digamma_TheLibrarysValuesAreTheHarmonicSums(int n, double expected)
    {
        // The estimator uses MathNet's ψ; ψ(n) = −γ + Σ_{k<n} 1/k.
        Assert.Equal(expected, MathNet.Numerics.SpecialFunctions.DiGamma(n), 12);
    }
}
