using CrInference.Core;
using CrInference.Sampling.Ensemble;
using CrInference.Sampling.Tests.EnsembleSupport;

namespace CrInference.Sampling.Tests.Ensemble;

/// <summary>
/// The <c>de-jump</c> move (differential evolution with γ = 1, ter Braak 2006) on two well-separated modes of known
/// mass: walkers placed 3 : 1 in the wrong proportions exchange between the modes and their shares relax to the masses,
/// which the stretch move and the ordinary DE move (γ = 2.38/√(2d) lands between the modes) cannot do.
/// </summary>
public class ModeJumpTests
{
    /// <summary>p ∝ 0.3 N(x; −4·1, I) + 0.7 N(x; +4·1, I) in 10 dimensions, uniform prior on [−20, 20]¹⁰: the modes are
    /// 25 σ apart, so a walker's mode is the sign of its coordinate sum, and the right mode holds 0.7 of the mass.</summary>
    private sealed class TwoModes : IPosterior
    {
        public const int Dimension = 10;
        public const double RightMass = 0.7;

        public ParameterSpace Space { get; } = Spaces.Uniform(Dimension, -20, 20);

        public IReadOnlyList<string> DerivedNames { get; } = [];

        public double LogLikelihood(ReadOnlySpan<double> sampled, Span<double> derived)
        {
            double left = 0, right = 0;
            foreach (double x in sampled)
            {
                left += (x + 4) * (x + 4);
                right += (x - 4) * (x - 4);
            }
            double a = Math.Log(1 - RightMass) - 0.5 * left, b = Math.Log(RightMass) - 0.5 * right;
            double top = Math.Max(a, b);
            return top + Math.Log(Math.Exp(a - top) + Math.Exp(b - top));
        }
    }

    private static double ShareInTheRightMode(string secondMove)
    {
        var posterior = new TwoModes();
        const int walkers = 32, d = TwoModes.Dimension;
        var positions = new double[walkers * d];
        for (int w = 0; w < walkers; w++)
        {
            double centre = w < 24 ? -4 : 4;   // 24 walkers on the left (mass 0.3), 8 on the right (mass 0.7)
            for (int i = 0; i < d; i++) positions[w * d + i] = centre + 0.1 * ((w * 7 + i * 3) % 11 - 5) / 5.0;
        }
        var move = MoveCatalog.Build([new MoveWeight("stretch", 0.9), new MoveWeight(secondMove, 0.1)]);
        var chain = EnsembleHarness.Run(posterior, move, EnsembleState.Evaluate(posterior, positions), burnIn: 500, steps: 3000, seed: 11);
        int right = 0, total = 0;
        for (int s = 0; s < chain.Steps; s++)
        {
            for (int w = 0; w < chain.Walkers; w++)
            {
                double sum = 0;
                foreach (double x in chain.Row(s, w)) sum += x;
                if (sum > 0) right++;
                total++;
            }
        }
        return (double)right / total;
    }

    [Fact]
    public void DeJump_MovesWalkersBetweenModes_UntilTheirSharesAreTheMasses()
    {
        // Jumps are proposed by one step in ten, between modes for ≈ 40 % of the pairs: the mode indicator's τ is some
        // tens of steps, so 32 walkers × 3000 steps give a share with σ ≈ 0.01; 0.05 is 5 σ.
        Assert.Equal(TwoModes.RightMass, ShareInTheRightMode("de-jump"), 0.05);
    }

    [Fact]
    public void WithoutIt_TheWalkersKeepTheirStartingProportions()
    {
        // No stretch or ordinary DE proposal reaches the other mode (a stretch lands at least halfway back from the
        // partner walker, DE at 0.53 of the separation), so the share stays the 8/32 of the start.
        Assert.Equal(0.25, ShareInTheRightMode("de"), 1e-12);
    }
}
