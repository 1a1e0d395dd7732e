using CrInference.Sampling.Tempering;

namespace CrInference.Sampling.Tests.Tempering;

/// <summary>ln Z and ⟨ln L⟩_β of default-settings runs against closed forms: the conjugate Gaussian
/// (Bishop 2006 §2.3.3; ConjugateGaussianProblem), the Gaussian in a uniform box (ln Z = −3 ln 20) and
/// a likelihood that is zero on half the prior (Z = 1/400).</summary>
[Trait("Category", "Statistical")]
public sealed class TemperingEvidenceTests
{
    public static TheoryData<string> Problems => new() { "conjugate/2", "conjugate/5", "gaussian-box/3", "half-plane/2" };

    [Theory]
    [MemberData(nameof(Problems))]
    public void Run_DefaultSettings_ThermodynamicIntegrationWithinThreeSigmaAndSigmaAtMost015(string label)
    {
        var result = TemperingTestSupport.DefaultRun(label);
        double exact = TemperingTestSupport.ExactLogEvidence(label);

        Assert.InRange(result.LogZError, 0.001, 0.15);
        Assert.InRange(result.LogZ, exact - 3 * result.LogZError, exact + 3 * result.LogZError);
        Assert.True(result.ErrorsTrusted, $"blocks of {result.BlockLength} steps vs τ = {result.IntegratedTime}");
    }

    [Theory]
    [MemberData(nameof(Problems))]
    public void Run_DefaultSettings_SteppingStoneWithinThreeSigmaAndSigmaAtMost015(string label)
    {
        var result = TemperingTestSupport.DefaultRun(label);
        double exact = TemperingTestSupport.ExactLogEvidence(label);

        Assert.InRange(result.LogZSteppingStoneError, 0.001, 0.15);
        Assert.InRange(result.LogZSteppingStone, exact - 3 * result.LogZSteppingStoneError, exact + 3 * result.LogZSteppingStoneError);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(5)]
    public void Run_Conjugate_MeanLogLikelihoodPerTemperatureMatchesClosedForm(int dimension)
    {
        var problem = TemperingTestSupport.Conjugate(dimension);
        var result = TemperingTestSupport.DefaultRun($"conjugate/{dimension}");

        // ⟨ln L⟩_β = Σ_i [−½ ln 2πσ² − ((m_β − μ)² + v_β)/(2σ²)] at every rung of the final ladder; with
        // 10–13 correlated rungs a 4σ band keeps the false-alarm rate below 1e-3.
        for (int k = 0; k < result.Temperatures; k++)
        {
            double exact = problem.MeanLogLikelihood(result.Betas[k]);
            Assert.InRange(result.MeanLogLikelihood[k], exact - 4 * result.MeanLogLikelihoodError[k], exact + 4 * result.MeanLogLikelihoodError[k]);
        }
        // β → 0: the prior mean ⟨ln L⟩_π = D[−½ ln 2πσ² − (μ² + 1)/(2σ²)] from the independent prior draws.
        double priorExact = problem.MeanLogLikelihood(0);
        Assert.InRange(result.PriorMeanLogLikelihood, priorExact - 4 * result.PriorMeanLogLikelihoodError, priorExact + 4 * result.PriorMeanLogLikelihoodError);
        Assert.Equal(1.0, result.PriorFiniteFraction);
    }

    [Fact]
    public void Run_Conjugate5_ColdChainSamplesThePosterior()
    {
        var problem = TemperingTestSupport.Conjugate(5);
        var result = TemperingTestSupport.DefaultRun("conjugate/5");
        var chain = result.ColdChain;
        var (mean, variance) = problem.TemperedMoments(0, 1.0);

        // Posterior of x1: N(m, v) with 1/v = 1/σ² + 1/s² = 26, m = v μ/σ² = 0.480769. The chain's
        // 2000 × 32 draws are correlated (τ ≈ 10 steps): N_eff ≈ 6400, so σ(mean) ≈ √(v/6400) ≈ 0.0025.
        double sum = 0, sumSquares = 0;
        int rows = chain.Steps * chain.Walkers;
        for (int r = 0; r < rows; r++)
        {
            double x = chain.Positions.Span[r * chain.Dimension];
            sum += x;
            sumSquares += x * x;
        }
        double chainMean = sum / rows, chainVariance = sumSquares / rows - chainMean * chainMean;
        Assert.Equal(mean, chainMean, 0.015);
        Assert.InRange(chainVariance / variance, 0.9, 1.1);
        Assert.Equal(result.BurnInSteps, chain.FirstStep);
        Assert.Equal(0, chain.DerivedCount);
        Assert.Equal(problem.LogLikelihood(chain.Positions.Span[..5], []), chain.LogPosteriors.Span[0].LogLikelihood);
    }

    [Fact]
    public void Run_HalfPlane_EstimatesTheFiniteLikelihoodFraction()
    {
        var result = TemperingTestSupport.DefaultRun("half-plane/2");

        // ln L = −∞ on x1 ≥ 0, half of U[−10, 10]²: 2000 prior draws give ½ ± 0.011.
        Assert.InRange(result.PriorFiniteFraction, 0.5 - 0.045, 0.5 + 0.045);
    }

    [Fact]
    public void Run_Conjugate5_ReportsSwapsCallsAndAPlainTrapezoidBelowTheHermiteRule()
    {
        var result = TemperingTestSupport.DefaultRun("conjugate/5");

        Assert.Equal(TemperingSettings.DefaultTemperatures(5), result.Temperatures);
        Assert.Equal(13, result.Temperatures);
        Assert.Equal(32, result.Walkers);
        Assert.All(result.SwapAcceptance, a => Assert.InRange(a, 0.2, 1.0));
        Assert.All(result.MoveAcceptance, a => Assert.InRange(a, 0.2, 0.9));
        // Prior draws + K × W initial points (no redraws: the likelihood is finite everywhere) + K × W per step.
        Assert.Equal(2000 + 13 * 32 + 13 * 32 * 3000L, result.LikelihoodCalls);
        // ⟨ln L⟩_β is increasing and concave in ln β near β_min, so the trapezoid in β underestimates ln Z.
        Assert.True(result.LogZTrapezoid < result.LogZ - 0.1);
        Assert.Equal(1.0, result.Betas[0]);
        Assert.Equal(1e-3, result.Betas[^1]);
    }
}
