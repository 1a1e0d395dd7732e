using CrInference.Core.Random;
using CrInference.Sampling.Ensemble;
using CrInference.Sampling.Tests.EnsembleSupport;

namespace CrInference.Sampling.Tests.Ensemble;

public class InitialEnsembleTests
{
    [Fact]
    public void FromPrior_Walkers_LieInsideThePriorWithFiniteLogPosterior()
    {
        var posterior = new LinearPosterior(3);
        var state = InitialEnsemble.FromPrior(RandomKey.FromSeed(1), posterior, 50);
        Assert.Equal(0, state.Step);
        Assert.All(state.Positions.ToArray(), x => Assert.InRange(x, -100, 100));
        Assert.All(state.LogPosteriors.ToArray(), l => Assert.True(double.IsFinite(l.Value)));
        Assert.Equal(150, state.Positions.ToArray().Distinct().Count());
        for (int w = 0; w < 50; w++)
        {
            Assert.Equal(2 * state.PositionOf(w)[0], state.DerivedOf(w)[0]);
        }
    }

    [Fact]
    public void FromPrior_LikelihoodMinusInfinityOnHalfTheBox_RedrawsThoseWalkers()
    {
        var posterior = new MaskedFlatPosterior(Spaces.Uniform(2, -1, 1), x => x[0] >= 0);
        var state = InitialEnsemble.FromPrior(RandomKey.FromSeed(2), posterior, 200);
        for (int w = 0; w < 200; w++)
        {
            Assert.True(state.PositionOf(w)[0] >= 0);
        }
    }

    [Fact]
    public void FromPrior_LikelihoodMinusInfinityEverywhere_FailsSayingHowManyWalkersFoundAPoint()
    {
        var posterior = new MaskedFlatPosterior(Spaces.Uniform(2, -1, 1), _ => false);
        var error = Assert.Throws<InvalidOperationException>(() => InitialEnsemble.FromPrior(RandomKey.FromSeed(3), posterior, 8, maxDrawsPerWalker: 5));
        Assert.Contains("8 of 8 walkers found no point with a finite log posterior in 5 draws each", error.Message);
        Assert.Contains("0 walkers did", error.Message);
    }

    [Fact]
    public void FromGaussianBall_MomentsOfWalkers_MatchTheBallWithinFiveSigma()
    {
        var posterior = new LinearPosterior(2);
        const int n = 4000;
        var state = InitialEnsemble.FromGaussianBall(RandomKey.FromSeed(4), posterior, n, [3.0, -2.0], [0.5, 2.0]);
        for (int i = 0; i < 2; i++)
        {
            var values = Enumerable.Range(0, n).Select(w => state.PositionOf(w)[i]).ToArray();
            double mean = values.Average();
            double sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (n - 1));
            double sigma = i == 0 ? 0.5 : 2.0;
            Assert.InRange(mean, (i == 0 ? 3.0 : -2.0) - 5 * sigma / Math.Sqrt(n), (i == 0 ? 3.0 : -2.0) + 5 * sigma / Math.Sqrt(n));
            Assert.InRange(sd, sigma * (1 - 5 / Math.Sqrt(2.0 * n)), sigma * (1 + 5 / Math.Sqrt(2.0 * n)));
        }
    }

    [Fact]
    public void Draw_MixedPriorAndBall_UsesEachRulePerParameter()
    {
        var posterior = new LinearPosterior(2);
        var state = InitialEnsemble.Draw(RandomKey.FromSeed(5), posterior, 100, [ParameterStart.Prior, ParameterStart.GaussianBall(50, 1e-3)]);
        var first = Enumerable.Range(0, 100).Select(w => state.PositionOf(w)[0]).ToArray();
        var second = Enumerable.Range(0, 100).Select(w => state.PositionOf(w)[1]).ToArray();
        Assert.True(first.Max() - first.Min() > 100, "prior draws span the [−100, 100] box");
        Assert.All(second, x => Assert.InRange(x, 50 - 0.01, 50 + 0.01));
    }

    [Fact]
    public void GaussianBall_ZeroSigma_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ParameterStart.GaussianBall(0, 0));
    }
}
