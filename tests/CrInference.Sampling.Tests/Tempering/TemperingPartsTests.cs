using CrInference.Core;
using CrInference.Core.Random;
using CrInference.Sampling.Tempering;
using CrInference.Sampling.Tests.EnsembleSupport;

namespace CrInference.Sampling.Tests.Tempering;

/// <summary>The pieces of parallel tempering: the tempered view, ladders and their adaptation, swaps,
/// and the two evidence quadratures on exact integrands.</summary>
public sealed class TemperingPartsTests
{
    [Fact]
    public void TemperedPosterior_ScalesLikelihoodOnlyAndAppendsTheUntemperedValue()
    {
        var inner = new LinearPosterior(2, slope: 3.0);
        var view = new TemperedPosterior(inner, 0.25);
        var derived = new double[2];

        double tempered = view.LogLikelihood([2.0, 1.0], derived);

        Assert.Equal(0.25 * 6.0, tempered);
        Assert.Equal([4.0, 6.0], derived);   // inner's 2·x0, then ln L = 3·x0 untempered
        Assert.Equal(["twice_x0", TemperedPosterior.UntemperedLogLikelihoodName], view.DerivedNames);
        Assert.Same(inner.Space, view.Space);
        // β = 1 is bitwise the untempered value; prior evaluation is untouched.
        Assert.Equal(BitConverter.DoubleToInt64Bits(6.0), BitConverter.DoubleToInt64Bits(new TemperedPosterior(inner, 1.0).LogLikelihood([2.0, 1.0], derived)));
        Assert.Equal(inner.Space.LogPrior([2.0, 1.0]), view.Evaluate([2.0, 1.0], derived).LogPrior);
        Assert.Throws<ArgumentOutOfRangeException>(() => new TemperedPosterior(inner, 0.0));
    }

    [Fact]
    public void Geometric_EndsExactlyAtOneAndBetaMinWithConstantRatio()
    {
        var betas = TemperatureLadder.Geometric(5, 1e-4);

        Assert.Equal([1.0, 0.1, 0.01, 0.001, 1e-4], betas.ToArray(), (a, b) => Math.Abs(a - b) <= 1e-15 * b);
        Assert.Equal(1.0, betas[0]);
        Assert.Equal(1e-4, betas[^1]);
    }

    [Fact]
    public void AutomaticBetaMin_IsTenthOverPriorSpreadOfLogLikelihoodClamped()
    {
        // ln L = ±500 alternating: sd = 500·√(n/(n−1)) → β_min = 0.1/sd ≈ 2e-4.
        double[] wide = [.. Enumerable.Range(0, 1000).Select(i => i % 2 == 0 ? 500.0 : -500.0), double.NegativeInfinity];
        Assert.Equal(0.1 / (500 * Math.Sqrt(1000.0 / 999)), TemperatureLadder.AutomaticBetaMin(wide), 15);
        Assert.Equal(1e-3, TemperatureLadder.AutomaticBetaMin([1.0, 2.0, 3.0]));
        Assert.Equal(1e-12, TemperatureLadder.AutomaticBetaMin([1e15, -1e15]));
        Assert.Equal(1e-3, TemperatureLadder.AutomaticBetaMin([4.0, 4.0]));
    }

    [Fact]
    public void Adapt_WidensTheGapOfThePairThatSwapsMoreAndKeepsTheEnds()
    {
        double[] betas = [1.0, 0.5, 0.25, 0.125];
        var updated = new double[4];

        TemperatureLadder.Adapt(betas, [0.9, 0.1, 0.5], step: 0, adaptationTime: 100, adaptationLag: 10_000, updated);

        // κ = 1/100: gap T1 − T0 = 1 grows by e^{0.008}, gap T2 − T1 = 2 shrinks by e^{−0.004} (ptemcee's rule).
        Assert.Equal(1.0, updated[0]);
        Assert.Equal(0.125, updated[3]);
        Assert.Equal(1 / (1 + Math.Exp(0.008)), updated[1], 14);
        Assert.Equal(1 / (1 + Math.Exp(0.008) + 2 * Math.Exp(-0.004)), updated[2], 14);
    }

    [Fact]
    public void Adapt_UpdateThatWouldCrossTheHottestRung_KeepsTheLadder()
    {
        double[] betas = [1.0, 0.5, 0.34];
        var updated = new double[3];

        // T1 − T0 = 1 would grow by e^{100} past T_max = 2.94.
        TemperatureLadder.Adapt(betas, [1.0, 0.0], step: 0, adaptationTime: 0.01, adaptationLag: 1, updated);

        Assert.Equal(betas, updated);
    }

    [Fact]
    public void Swap_HotterWalkersWithHigherLikelihood_AreAlwaysExchanged()
    {
        // Two temperatures, 4 walkers each, D = 1; the hot walkers all have higher ln L, so every proposed
        // pair has (β0 − β1)(ln L_hot − ln L_cold) > 0 and swaps with probability 1.
        double[] betas = [1.0, 0.5];
        double[][] positions = [[0, 1, 2, 3], [10, 11, 12, 13]];
        double[][] derived = [[-4, -3, -2, -1], [1, 2, 3, 4]];          // the untempered ln L is the last (only) derived value
        LogPosterior[][] logPosteriors =
        [
            [.. derived[0].Select(l => new LogPosterior(-1, l))],
            [.. derived[1].Select(l => new LogPosterior(-2, 0.5 * l))],
        ];
        var accepted = new int[1];

        TemperatureSwap.Apply(RandomKey.FromSeed(3), betas, 4, 1, positions, logPosteriors, derived, 1, new int[4], new double[1], accepted);

        Assert.Equal(4, accepted[0]);
        Assert.Equal([10.0, 11, 12, 13], positions[0].Order());
        Assert.Equal([0.0, 1, 2, 3], positions[1].Order());
        for (int w = 0; w < 4; w++)
        {
            // Positions, ln L and ln π travel together; the tempered value is recomputed for the new β.
            Assert.Equal(positions[0][w] - 9, derived[0][w]);
            Assert.Equal(derived[0][w], logPosteriors[0][w].LogLikelihood);
            Assert.Equal(-2, logPosteriors[0][w].LogPrior);
            Assert.Equal(0.5 * derived[1][w], logPosteriors[1][w].LogLikelihood);
            Assert.Equal(-1, logPosteriors[1][w].LogPrior);
        }
    }

    [Fact]
    public void ThermodynamicIntegration_ExactConjugateIntegrand_HermiteRuleMatchesClosedFormWhereTrapezoidFails()
    {
        // Conjugate D = 5 (μ = 0.5, σ = 0.2, N(0, 1) priors), exact ⟨ln L⟩_β and Var_β(ln L) at ten
        // geometric rungs down to 1e-4: the Hermite rule in ln β is within 0.006 of ln Z = −5.29371;
        // the plain trapezoid in β is 0.92 low (see ThermodynamicIntegration's remarks).
        var problem = TemperingTestSupport.Conjugate(5);
        var betas = TemperatureLadder.Geometric(10, 1e-4);
        var means = betas.Select(problem.MeanLogLikelihood).ToArray();
        var variances = betas.Select(b => ConjugateVariance(b, 5)).ToArray();
        double exact = problem.ExactLogEvidence!.Value;

        double hermite = ThermodynamicIntegration.LogEvidence(betas.AsSpan(), means, variances, problem.MeanLogLikelihood(0), ConjugateVariance(0, 5), 1.0);
        double coarse = ThermodynamicIntegration.CoarseLogEvidence(betas.AsSpan(), means, variances, problem.MeanLogLikelihood(0), ConjugateVariance(0, 5), 1.0);
        double trapezoid = ThermodynamicIntegration.Trapezoid(betas.AsSpan(), means, problem.MeanLogLikelihood(0), 1.0);

        Assert.Equal(exact, hermite, 0.006);
        Assert.InRange(trapezoid - exact, -0.95, -0.85);
        Assert.True(Math.Abs(coarse - hermite) > Math.Abs(hermite - exact), "the coarse-ladder difference must bound the error");
    }

    [Fact]
    public void ThermodynamicIntegration_FiniteFraction_AddsItsLogarithm()
    {
        double[] betas = [1.0, 0.5];
        double[] means = [-1.0, -1.0];
        double[] variances = [0.0, 0.0];

        // Constant ln L = −1 where L > 0, on a quarter of the prior: Z = ¼ e^{−1}. The rule in ln β integrates
        // the constant as β·f = f e^u, a non-polynomial, to O(h⁵): 1.6e-4 for one octave.
        double whole = ThermodynamicIntegration.LogEvidence(betas, means, variances, -1.0, 0.0, 1.0);
        Assert.Equal(Math.Log(0.25), ThermodynamicIntegration.LogEvidence(betas, means, variances, -1.0, 0.0, 0.25) - whole, 14);
        Assert.Equal(-1.0, whole, 3);
    }

    [Fact]
    public void SteppingStone_ConstantLikelihood_IsExact()
    {
        // L = e^{−2} everywhere: each ratio is e^{−2Δβ}, the product e^{−2}. Walker sums: ln(W e^{−2Δβ}).
        double[] betas = [1.0, 0.3, 0.01];
        const int walkers = 8, steps = 3;
        var sums = new double[steps * 2];
        for (int t = 0; t < steps; t++)
        {
            sums[t * 2] = Math.Log(walkers) - 2 * 0.7;
            sums[t * 2 + 1] = Math.Log(walkers) - 2 * 0.29;
        }
        double[] prior = [-2.0, -2.0, -2.0, double.NegativeInfinity];

        // The prior stone counts the L = 0 draw: ⟨L^0.01⟩ = ¾ e^{−0.02}.
        Assert.Equal(Math.Log(0.75) - 2, SteppingStone.LogEvidence(betas, sums, walkers, prior), 13);
        Assert.Equal(Math.Log(3) - 0.5, SteppingStone.LogSum(0.25, [-2.0, -2.0, -2.0, double.NegativeInfinity]), 14);
    }

    [Fact]
    public void Settings_Defaults_FollowTheDimension()
    {
        Assert.Equal(10, TemperingSettings.DefaultTemperatures(2));
        Assert.Equal(13, TemperingSettings.DefaultTemperatures(5));
        Assert.Equal(20, TemperingSettings.DefaultTemperatures(15));
        Assert.Equal(32, TemperingSettings.DefaultTemperatures(100));
        Assert.Equal(32, TemperingSettings.DefaultWalkers(5));
        Assert.Equal(60, TemperingSettings.DefaultWalkers(15));
        Assert.Throws<ArgumentException>(() => new TemperingSettings { Betas = [0.9, 0.5] }.Validate(2));
        Assert.Throws<ArgumentException>(() => new TemperingSettings { Betas = [1.0, 0.5, 0.6] }.Validate(2));
        Assert.Throws<ArgumentException>(() => new TemperingSettings { WalkersPerTemperature = 7 }.Validate(2));
        Assert.Throws<ArgumentException>(() => new TemperingSettings { Steps = 10 }.Validate(2));
    }

    [Fact]
    public void Run_ExplicitLadderWithoutAdaptation_IsKept()
    {
        var settings = new TemperingSettings
        {
            Betas = [1.0, 0.3, 0.05],
            AdaptLadder = true,
            WalkersPerTemperature = 12,
            BurnInSteps = 5,
            Steps = 10,
            PriorDraws = 50,
            BootstrapBlocks = 2,
            BootstrapReplicates = 4,
        };
        var adapted = ParallelTempering.Run(CorrelatedGaussianPosterior.FiveDimensional(), settings, RandomKey.FromSeed(1));
        var kept = ParallelTempering.Run(CorrelatedGaussianPosterior.FiveDimensional(), settings with { AdaptLadder = false }, RandomKey.FromSeed(1));

        Assert.Equal([1.0, 0.3, 0.05], kept.Betas.ToArray());
        Assert.Equal(1.0, adapted.Betas[0]);
        Assert.Equal(0.05, adapted.Betas[2]);
        Assert.NotEqual(0.3, adapted.Betas[1]);
    }

    /// <summary>Var_β(ln L) of the conjugate problem: Σ_i (2v² + 4(m − μ)²v)/(4σ⁴) with (m, v) the tempered moments.</summary>
    private static double ConjugateVariance(double beta, int dimension)
    {
        var problem = TemperingTestSupport.Conjugate(dimension);
        double sum = 0;
        for (int i = 0; i < dimension; i++)
        {
            var (m, v) = problem.TemperedMoments(i, beta);
            sum += (2 * v * v + 4 * (m - 0.5) * (m - 0.5) * v) / (4 * Math.Pow(0.2, 4));
        }
        return sum;
    }
}
