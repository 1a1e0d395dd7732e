using CrInference.Core;
using CrInference.Core.Random;
using CrInference.Sampling.Ensemble;
using CrInference.Sampling.Tests.EnsembleSupport;

namespace CrInference.Sampling.Tests.Ensemble;

/// <summary>One kernel step checked exactly with stub moves and stub targets (blackjax's test_random_walk style).</summary>
public class RedBlueKernelTests
{
    private static EnsembleState Start(IPosterior posterior, params double[] positions) => EnsembleState.Evaluate(posterior, positions, step: 7);

    [Fact]
    public void Step_FirstComplementMove_UpdatesFirstHalfFromSecondThenSecondFromUpdatedFirst()
    {
        // Flat region of the linear target with slope 0: every finite proposal has Δ ln p = 0 > ln u, so all accept.
        var posterior = new LinearPosterior(1, slope: 0.0);
        var state = Start(posterior, 0.0, 1.0, 2.0, 3.0);

        var (next, info) = RedBlueKernel.Step(RandomKey.FromSeed(5), state, new FirstComplementMove(), posterior);

        // Half 0 = walkers {0, 1} proposes from the first walker of half 1 (position 2): 2 + x/10.
        // Half 1 = walkers {2, 3} proposes from the updated walker 0 (now 2.0), not from its old value 0.
        Assert.Equal(new[] { 2.0, 2.1, 2.2, 2.3 }, next.Positions.ToArray());
        Assert.All(info.Accepted.ToArray(), Assert.True);
        Assert.Equal(4, info.AcceptedCount);
        Assert.Equal(4, info.LikelihoodEvaluations);
        Assert.Equal(8, next.Step);
        Assert.Equal(new[] { 4.0, 4.2, 4.4, 4.6 }, next.Derived.ToArray());
    }

    [Fact]
    public void Step_ProposalOutsidePrior_RejectsWithoutCallingLikelihood()
    {
        var posterior = new LinearPosterior(2);
        var state = Start(posterior, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8);
        int callsBefore = posterior.Calls;

        var (next, info) = RedBlueKernel.Step(RandomKey.FromSeed(5), state, new ShiftMove(1000.0), posterior);

        Assert.Equal(callsBefore, posterior.Calls);
        Assert.Equal(0, info.LikelihoodEvaluations);
        Assert.All(info.Accepted.ToArray(), Assert.False);
        Assert.Equal(state.Positions.ToArray(), next.Positions.ToArray());
        Assert.Equal(state.LogPosteriors.ToArray(), next.LogPosteriors.ToArray());
        Assert.Equal(state.Derived.ToArray(), next.Derived.ToArray());
    }

    [Fact]
    public void Step_MetropolisRule_AcceptsExactlyWhereLogUniformOfWalkerKeyIsBelowLogRatio()
    {
        // ln L = x₀ and the move shifts by −0.7 with no Hastings factor: ln ratio = −0.7 for every walker.
        // The move draws nothing, so the acceptance uniform is the first NextOpenDouble of the walker's key.
        var posterior = new LinearPosterior(1);
        double[] start = [-3, -2, -1, 0, 1, 2, 3, 4, 5, 6];
        var state = Start(posterior, start);
        var stepKey = RandomKey.FromSeed(11).Split(3);

        var (next, info) = RedBlueKernel.Step(stepKey, state, new ShiftMove(-0.7), posterior);

        for (int w = 0; w < start.Length; w++)
        {
            int half = w < start.Length / 2 ? 0 : 1;
            double logU = Math.Log(RedBlueKernel.WalkerKey(stepKey, half, w).Open().NextOpenDouble());
            bool expected = logU < -0.7;
            Assert.Equal(expected, info.Accepted.Span[w]);
            double x = expected ? start[w] - 0.7 : start[w];
            Assert.Equal(x, next.Positions.Span[w]);
            Assert.Equal(new LogPosterior(-Math.Log(200), x), next.LogPosteriors.Span[w]);
            Assert.Equal(2 * x, next.Derived.Span[w]);
        }
        // exp(−0.7) ≈ 0.50: this key gives both outcomes, so the test exercises both branches.
        Assert.InRange(info.AcceptedCount, 1, start.Length - 1);
    }

    [Fact]
    public void Step_HastingsFactorMinusInfinity_RejectsEveryWalkerWithoutEvaluating()
    {
        var posterior = new LinearPosterior(1);
        var state = Start(posterior, 1, 2, 3, 4);

        var (next, info) = RedBlueKernel.Step(RandomKey.FromSeed(1), state, new ShiftMove(0.5, double.NegativeInfinity), posterior);

        Assert.Equal(0, info.AcceptedCount);
        Assert.Equal(0, info.LikelihoodEvaluations);
        Assert.Equal(state.Positions.ToArray(), next.Positions.ToArray());
    }

    [Fact]
    public void Step_WalkerAtMinusInfinity_AcceptsAnyFiniteProposal()
    {
        // Walker 0 starts where the likelihood is −∞ (x < 0); a shift of +5 takes it to x = 4, finite.
        var posterior = new MaskedFlatPosterior(Spaces.Uniform(1, -100, 100), x => x[0] >= 0);
        var state = Start(posterior, -1, 2, 3, 4);
        Assert.True(double.IsNegativeInfinity(state.LogPosteriors.Span[0].Value));

        var (next, info) = RedBlueKernel.Step(RandomKey.FromSeed(1), state, new ShiftMove(5), posterior);

        Assert.True(info.Accepted.Span[0]);
        Assert.Equal(4.0, next.Positions.Span[0]);
        Assert.Equal(0.0, next.LogPosteriors.Span[0].LogLikelihood);
    }

    [Fact]
    public void Step_Mixture_UsesOneMoveForTheWholeStepChosenFromTheSelectionKey()
    {
        var up = new ShiftMove(0.5);
        var down = new ShiftMove(-0.5);
        var mixture = new WeightedMixtureMove([(up, 1.0), (down, 1.0)]);
        var posterior = new LinearPosterior(1, slope: 0.0);
        var state = Start(posterior, 0, 1, 2, 3, 4, 5);
        int seenUp = 0, seenDown = 0;
        for (ulong s = 0; s < 40; s++)
        {
            var stepKey = RandomKey.FromSeed(2).Split(s);
            var (next, info) = RedBlueKernel.Step(stepKey, state, mixture, posterior);

            double u = stepKey.Split(RedBlueKernel.MoveSelectionIndex).Open().NextDouble();
            var expected = u < 0.5 ? up : down;
            Assert.Same(expected, info.Move);
            for (int w = 0; w < 6; w++)
            {
                Assert.Equal(state.Positions.Span[w] + expected.Shift, next.Positions.Span[w]);
            }
            if (ReferenceEquals(expected, up)) seenUp++; else seenDown++;
        }
        Assert.True(seenUp > 0 && seenDown > 0);
    }

    [Fact]
    public void Step_FewerThanFourWalkers_Throws()
    {
        var posterior = new LinearPosterior(1);
        var state = Start(posterior, 1, 2, 3);
        Assert.Throws<ArgumentOutOfRangeException>(() => RedBlueKernel.Step(RandomKey.FromSeed(1), state, new StretchMove(), posterior));
    }

    [Fact]
    public void Step_StateOfAnotherShape_ThrowsNamingBothShapes()
    {
        var posterior = new LinearPosterior(2);
        var state = Start(new LinearPosterior(1), 1, 2, 3, 4);
        var error = Assert.Throws<ArgumentException>(() => RedBlueKernel.Step(RandomKey.FromSeed(1), state, new StretchMove(), posterior));
        Assert.Contains("2 parameters", error.Message);
    }
}
