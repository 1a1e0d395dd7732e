using CrInference.Core;
using CrInference.Core.Random;
using CrInference.Sampling.Diagnostics;
using CrInference.Sampling.Ensemble;
using CrInference.Sampling.Optimization;
using CrInference.Sampling.Tests.EnsembleSupport;

namespace CrInference.Sampling.Tests.Optimization;

/// <summary>
/// Walkers started at the ends of a <see cref="ModeSearch"/>'s local searches (<see cref="ModeSearchResult.StartAtEnds"/>)
/// on a posterior whose maximum is a whole line: every search ends somewhere on the ridge, so the ends spread along it,
/// while the ball of conditional σ at the best point is as thin along the ridge as across it.
/// </summary>
public class SearchEndStartTests
{
    /// <summary>
    /// Uniform prior on [−1, 1]²; ln L = −½ ((x₀ − x₁)/w)², w = 0.01: the maximum is the diagonal x₀ = x₁, flat along it.
    /// The curvature in each coordinate is −1/w², so the ball's σᵢ is w = 0.01. A prior draw projects onto the diagonal
    /// at m = (x₀ + x₁)/2, whose standard deviation is (2/√12)/√2 = 0.408 for uniform draws.
    /// </summary>
    private sealed class Ridge : IPosterior
    {
        public const double Width = 0.01;

        public ParameterSpace Space { get; } = Spaces.Uniform(2, -1, 1);

        public IReadOnlyList<string> DerivedNames { get; } = [];

        public double LogLikelihood(ReadOnlySpan<double> sampled, Span<double> derived)
        {
            double t = (sampled[0] - sampled[1]) / Width;
            return -0.5 * t * t;
        }
    }

    private static double SpreadAlongTheDiagonal(EnsembleState state)
    {
        var m = Enumerable.Range(0, state.Walkers).Select(w => 0.5 * (state.PositionOf(w)[0] + state.PositionOf(w)[1])).ToArray();
        double mean = m.Average();
        return Math.Sqrt(m.Sum(x => (x - mean) * (x - mean)) / (m.Length - 1));
    }

    [Fact]
    public void OnAFlatRidge_TheEndsSpreadAlongIt_TheBallDoesNot()
    {
        var posterior = new Ridge();
        var mode = new ModeSearch(Starts: 24, EvaluationsPerStart: 400).Find(posterior, RandomKey.FromSeed(3));

        var atEnds = mode.StartAtEnds(posterior, 24, RandomKey.FromSeed(4));
        var inBall = InitialEnsemble.Draw(RandomKey.FromSeed(4), posterior, 24, mode.StartBall());

        // Every search reaches the ridge (ln p within the threshold of the best), and walker w sits at end w.
        Assert.Equal(24, mode.EndsInTheBulk().Length);
        Assert.All(mode.Scale, s => Assert.Equal(Ridge.Width, s, 1e-6));
        // The ends keep the prior draws' spread along the diagonal (0.408 for the draws; at least half of it), the
        // ball has the conditional σ of 0.01 (at most 5 of it).
        Assert.True(SpreadAlongTheDiagonal(atEnds) > 0.2, $"ends: {SpreadAlongTheDiagonal(atEnds)}");
        Assert.True(SpreadAlongTheDiagonal(inBall) < 0.05, $"ball: {SpreadAlongTheDiagonal(inBall)}");
        for (int w = 0; w < 24; w++)
        {
            Assert.True(double.IsFinite(atEnds.LogPosteriors.Span[w].Value));
            for (int i = 0; i < 2; i++) Assert.Equal(mode.SearchEnds[w][i], atEnds.PositionOf(w)[i], 1e-3 * Ridge.Width * 6);
        }
    }

    [Fact]
    public void EndsBelowTheLaggingThreshold_AreLeftOut_AndWalkersCycleOverTheRest()
    {
        // The narrow/broad two-peak target of ModeSearchTests: the broad peak's top lies 18.3 e-folds below the narrow
        // one's, more than the threshold 5 + 3 √(3/2) = 8.67, so no walker starts there.
        var posterior = new ModeSearchTests.TwoPeaks();
        var mode = new ModeSearch(24, 600).Find(posterior, RandomKey.FromSeed(5));

        var bulk = mode.EndsInTheBulk();
        var state = mode.StartAtEnds(posterior, 16, RandomKey.FromSeed(6));

        double floor = mode.LogPosterior - LaggingWalkers.Threshold(3);
        Assert.Equal(mode.StartLogPosteriors.Count(v => v >= floor), bulk.Length);
        Assert.InRange(bulk.Length, 3, 21);
        for (int w = 0; w < 16; w++)
        {
            var end = mode.SearchEnds[bulk[w % bulk.Length]];
            Assert.True(mode.StartLogPosteriors[bulk[w % bulk.Length]] >= floor);
            for (int i = 0; i < 3; i++) Assert.Equal(end[i], state.PositionOf(w)[i], 1e-2);
            Assert.True(state.PositionOf(w)[0] > 0, "a walker on the broad peak (x₀ = −5)");
        }
        Assert.True(state.BitwiseEquals(mode.StartAtEnds(posterior, 16, RandomKey.FromSeed(6))));
    }
}
