using CrInference.Sampling.Nested;

namespace CrInference.Sampling.Tests.Nested;

/// <summary>Evidence of the reference problems against their exact values (origins in each
/// problem's documentation: closed forms, Feroz et al. 2009 table 2, quadrature).</summary>
[Trait("Category", "Statistical")]
public sealed class NestedEvidenceTests
{
    public static TheoryData<string> Problems => NestedTestSupport.ReferenceLabels();

    [Theory]
    [MemberData(nameof(Problems))]
    public void Run_DefaultSettings_ExactEvidenceWithinThreeSigmaAndSigmaAtMost015(string label)
    {
        var problem = NestedTestSupport.Reference(label);
        double exact = problem.ExactLogEvidence!.Value;

        var result = NestedSampler.Run(problem, new NestedSettings(), NestedTestSupport.Key);

        Assert.Equal(NestedStatus.Converged, result.Status);
        Assert.InRange(result.LogZError, 0.01, 0.15);
        Assert.InRange(result.LogZ, exact - 3 * result.LogZError, exact + 3 * result.LogZError);
    }

    [Theory]
    [MemberData(nameof(Problems))]
    public void Run_DefaultSettings_SimulatedErrorAgreesWithSqrtHOverN(string label)
    {
        var problem = NestedTestSupport.Reference(label);

        var result = NestedSampler.Run(problem, new NestedSettings(), NestedTestSupport.Key);

        // Both estimate the spread of ln Z from the shrinkage factors (Skilling 2006 §9); with 50
        // simulations the simulated value itself scatters by about 10 %.
        Assert.InRange(result.LogZErrorSimulated / result.LogZError, 0.7, 1.4);
    }

    [Fact]
    public void Run_SliceSamplerOnly_GaussianEvidenceWithinThreeSigma()
    {
        var problem = NestedTestSupport.Reference("test/gaussian/3");
        double exact = problem.ExactLogEvidence!.Value;

        var result = NestedSampler.Run(problem, new NestedSettings { Sampler = ConstrainedSamplerChoice.Slice }, NestedTestSupport.Key);

        Assert.Equal(0, result.SliceFromIteration);
        Assert.InRange(result.LogZ, exact - 3 * result.LogZError, exact + 3 * result.LogZError);
    }

    [Fact]
    public void Run_LikelihoodZeroOnHalfThePrior_EstimatesFiniteFractionAndEvidence()
    {
        var problem = new HalfPlanePosterior();

        var result = NestedSampler.Run(problem, new NestedSettings(), NestedTestSupport.Key);

        // Z = (1/400) × 1: the whole unit Gaussian at x1 = −5 lies in the half x1 < 0 of [−10, 10]².
        // The finite fraction ½ is estimated from the initial draws with relative error √(½/500) ≈ 0.032.
        double exact = -Math.Log(400);
        double sigma = Math.Sqrt(result.LogZError * result.LogZError + 0.5 / 500);
        Assert.InRange(result.DeadPoints[0].LogX + 1.0 / 500, Math.Log(0.5) - 0.15, Math.Log(0.5) + 0.15);
        Assert.InRange(result.LogZ, exact - 3 * sigma, exact + 3 * sigma);
    }
}
