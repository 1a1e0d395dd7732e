using CrInference.Core.Random;
using CrInference.Sampling.Ensemble;

namespace CrInference.Sampling.Tests.Ensemble;

public class MoveTests
{
    [Fact]
    public void Stretch_Proposal_LiesOnTheLineThroughTheComplementWalkerWithFactorDMinusOneLogZ()
    {
        // One complementary walker, so c is known: y − c = z (x − c) in every component.
        var move = new StretchMove(2.0);
        double[] x = [1.0, 2.0, -1.0];
        double[] c = [0.5, -1.0, 3.0];
        var proposal = new double[3];
        const int n = 100_000;
        double sumZ = 0, sumZ2 = 0;
        for (int i = 0; i < n; i++)
        {
            var random = RandomKey.FromSeed(4).Split((ulong)i).Open();
            double logFactor = move.Propose(ref random, x, c, proposal);
            double z = (proposal[0] - c[0]) / (x[0] - c[0]);
            Assert.InRange(z, 0.5 - 1e-12, 2.0 + 1e-12);
            for (int k = 1; k < 3; k++)
            {
                Assert.Equal(z, (proposal[k] - c[k]) / (x[k] - c[k]), 1e-12);
            }
            Assert.Equal(2 * Math.Log(z), logFactor, 1e-12);
            sumZ += z;
            sumZ2 += z * z;
        }
        // g(z) ∝ 1/√z on [1/a, a], a = 2: E[z] = (a^{3/2} − a^{−3/2}) / (3(√a − 1/√a)) = 7/6,
        // E[z²] = (a^{5/2} − a^{−5/2}) / (5(√a − 1/√a)) = 31/20, so Var z = 31/20 − 49/36 = 17/90.
        double mean = sumZ / n, variance = sumZ2 / n - mean * mean;
        Assert.InRange(mean, 7.0 / 6 - 5 * Math.Sqrt(17.0 / 90 / n), 7.0 / 6 + 5 * Math.Sqrt(17.0 / 90 / n));
        Assert.Equal(17.0 / 90, variance, 0.005);
    }

    [Fact]
    public void Stretch_ScaleNotAboveOne_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new StretchMove(1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new StretchMove(double.NaN));
    }

    [Fact]
    public void DifferentialEvolution_Proposal_IsGammaTimesDifferenceOfTwoDistinctComplementWalkers()
    {
        // Complement walkers 0 and 1 differ by (1, 1, 1, 1); a pair in either order gives ±γ(1, 1, 1, 1).
        var move = new DifferentialEvolutionMove();
        double[] x = [0.3, 0.3, 0.3, 0.3];
        double[] complement = [0, 0, 0, 0, 1, 1, 1, 1];
        var proposal = new double[4];
        double gamma0 = 2.38 / Math.Sqrt(2 * 4);
        int positive = 0;
        const int n = 4000;
        for (int i = 0; i < n; i++)
        {
            var random = RandomKey.FromSeed(9).Split((ulong)i).Open();
            Assert.Equal(0.0, move.Propose(ref random, x, complement, proposal));
            double gamma = proposal[0] - x[0];
            Assert.Equal(gamma0, Math.Abs(gamma), 1e-4);
            for (int k = 1; k < 4; k++) Assert.Equal(gamma, proposal[k] - x[k], 1e-15);
            if (gamma > 0) positive++;
        }
        // Sign is + for the ordered pair (1, 0): probability 1/2, binomial sd √(n/4) = 31.6.
        Assert.InRange(positive, n / 2 - 5 * 31.6, n / 2 + 5 * 31.6);
    }

    [Fact]
    public void DifferentialEvolution_OneComplementWalker_ThrowsClearMessage()
    {
        var move = new DifferentialEvolutionMove();
        var random = RandomKey.FromSeed(1).Open();
        var error = Assert.Throws<InvalidOperationException>(() => move.Propose(ref random, [0.0], [1.0], new double[1]));
        Assert.Contains("two walkers", error.Message);
    }

    [Fact]
    public void Mixture_ChoiceFrequencies_MatchWeightsWithinFiveSigma()
    {
        var a = new StretchMove();
        var b = new DifferentialEvolutionMove();
        var mixture = new WeightedMixtureMove([(a, 1.0), (b, 3.0)]);
        Assert.Equal(new[] { 0.25, 0.75 }, mixture.Weights.ToArray());
        const int n = 20_000;
        int chosenA = 0;
        for (int i = 0; i < n; i++)
        {
            if (ReferenceEquals(mixture.ChooseForStep(RandomKey.FromSeed(3).Split((ulong)i)), a)) chosenA++;
        }
        double sd = Math.Sqrt(n * 0.25 * 0.75);
        Assert.InRange(chosenA, n * 0.25 - 5 * sd, n * 0.25 + 5 * sd);
    }

    [Fact]
    public void Mixture_NonPositiveWeight_ThrowsNamingTheMove()
    {
        var error = Assert.Throws<ArgumentException>(() => new WeightedMixtureMove([(new StretchMove(), 1.0), (new DifferentialEvolutionMove(), 0.0)]));
        Assert.Contains("de(", error.Message);
        Assert.Throws<ArgumentException>(() => new WeightedMixtureMove([]));
    }

    [Fact]
    public void Mixture_ProposeDirectly_Throws()
    {
        var mixture = new WeightedMixtureMove([(new StretchMove(), 1.0)]);
        var random = RandomKey.FromSeed(1).Open();
        Assert.Throws<InvalidOperationException>(() => mixture.Propose(ref random, [0.0], [1.0], new double[1]));
    }
}
