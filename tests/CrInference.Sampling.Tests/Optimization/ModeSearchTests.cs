using CrInference.Core;
using CrInference.Core.Random;
using CrInference.Sampling.Ensemble;
using CrInference.Sampling.Optimization;
using CrInference.Sampling.Tests.EnsembleSupport;

namespace CrInference.Sampling.Tests.Optimization;

/// <summary>
/// The multi-start search on targets whose modes and curvatures are known: a narrow high Gaussian peak next to a broad
/// one 18 e-folds lower whose basin covers much of the box (some starts end there, the search still picks the high
/// peak, and the scale 1/√(−∂²ln p) is that peak's σ); and a mode on a prior edge.
/// </summary>
public class ModeSearchTests
{
    /// <summary>
    /// Uniform prior on [−10, 10]³; p ∝ e^{15} N(x; a, I) + N(x; b, 3² I) with a = (5, −5, 5), b = (−5, 5, −5). At a the
    /// broad term is e^{−35} of the narrow one, so near a ln p is the narrow Gaussian's: maximum
    /// ln p = 15 − 3 ln √(2π) − 3 ln 20 (the prior), curvature −1 in every coordinate, and the narrow peak holds all but
    /// e^{−15} of the mass. The broad peak (18.3 e-folds lower) attracts every start within ≈ 10 of b.
    /// </summary>
    internal sealed class TwoPeaks : IPosterior
    {
        public ParameterSpace Space { get; } = Spaces.Uniform(3, -10, 10);

        public IReadOnlyList<string> DerivedNames { get; } = [];

        private static double LogGaussian(ReadOnlySpan<double> x, double[] centre, double sigma)
        {
            double q = 0;
            for (int i = 0; i < 3; i++) q += (x[i] - centre[i]) * (x[i] - centre[i]);
            return -0.5 * q / (sigma * sigma) - 3 * Math.Log(sigma * Math.Sqrt(2 * Math.PI));
        }

        public static readonly double[] Narrow = [5, -5, 5];
        public static readonly double[] Broad = [-5, 5, -5];

        public static double NarrowTop => 15 - 3 * Math.Log(Math.Sqrt(2 * Math.PI)) - 3 * Math.Log(20);

        public static double BroadTop => -3 * Math.Log(3 * Math.Sqrt(2 * Math.PI)) - 3 * Math.Log(20);

        public double LogLikelihood(ReadOnlySpan<double> sampled, Span<double> derived)
        {
            double a = 15 + LogGaussian(sampled, Narrow, 1.0), b = LogGaussian(sampled, Broad, 3.0);
            double top = Math.Max(a, b);
            return top + Math.Log(Math.Exp(a - top) + Math.Exp(b - top));
        }
    }

    [Fact]
    public void TwoPeaks_TheSearchFindsTheHigherPeak_WithItsSigmaAsScale()
    {
        var posterior = new TwoPeaks();

        var result = new ModeSearch(Starts: 24, EvaluationsPerStart: 600).Find(posterior, RandomKey.FromSeed(5));

        // Converged to a spread of 1e-4 in ln p: within √(2·1e-4) ≈ 0.014 σ of the peak, ln p within 1e-4 of its top.
        for (int i = 0; i < 3; i++) Assert.Equal(TwoPeaks.Narrow[i], result.Point[i], 0.015);
        Assert.InRange(result.LogPosterior, TwoPeaks.NarrowTop - 1e-4, TwoPeaks.NarrowTop);
        Assert.All(result.Scale, s => Assert.Equal(1.0, s, 1e-4));
        // The lower peak is a real trap: some starts end on it.
        int onNarrow = result.StartLogPosteriors.Count(v => Math.Abs(v - TwoPeaks.NarrowTop) < 1e-2);
        int onBroad = result.StartLogPosteriors.Count(v => Math.Abs(v - TwoPeaks.BroadTop) < 1e-2);
        Assert.Equal(24, result.StartLogPosteriors.Length);
        Assert.True(onBroad >= 3 && onNarrow >= 3, $"{onBroad} starts on the broad peak, {onNarrow} on the narrow one");
        Assert.True(result.Evaluations > 24 * 4);
    }

    [Fact]
    public void TwoPeaks_AnEnsembleStartedInTheBall_RelaxesToThePeaksMeanAndSigma()
    {
        // The ball's radius is the conditional σ; the ensemble must then sample N(a, I): mean 5, sd 1 in x₀
        // (16 walkers × 1000 steps, τ ≈ 20 steps: ESS ≈ 800, so the mean's error is ≈ 0.035 and the sd's ≈ 0.025).
        var posterior = new TwoPeaks();
        var mode = new ModeSearch(24, 600).Find(posterior, RandomKey.FromSeed(5));
        var start = InitialEnsemble.Draw(RandomKey.FromSeed(1), posterior, 16, mode.StartBall());

        var chain = EnsembleHarness.Run(posterior, new StretchMove(), start, burnIn: 200, steps: 1000, seed: 9);

        var x0 = new List<double>();
        for (int s = 0; s < chain.Steps; s++) for (int w = 0; w < chain.Walkers; w++) x0.Add(chain.Row(s, w)[0]);
        double mean = x0.Average();
        double sd = Math.Sqrt(x0.Sum(x => (x - mean) * (x - mean)) / (x0.Count - 1));
        Assert.Equal(5.0, mean, 0.15);
        Assert.Equal(1.0, sd, 0.1);
    }

    [Fact]
    public void Result_DoesNotDependOnTheThreadCount()
    {
        var posterior = new TwoPeaks();
        var one = new ModeSearch(12, 300, Polished: 3).Find(posterior, RandomKey.FromSeed(8), threads: 1);
        var two = new ModeSearch(12, 300, Polished: 3).Find(posterior, RandomKey.FromSeed(8), threads: 2);

        Assert.Equal(one.Point, two.Point);
        Assert.Equal(one.Scale, two.Scale);
        Assert.Equal(one.StartLogPosteriors, two.StartLogPosteriors);
        Assert.Equal(one.Evaluations, two.Evaluations);
    }

    [Fact]
    public void ModeOnAPriorEdge_IsFound_AndGetsTheFallbackScale()
    {
        // ln L = 3 x₀ on [0, 1]²: the maximum is on the edge x₀ = 1 (any x₁); there ln p's curvature is not defined
        // (one probe lies outside the prior), so the scale falls back to 1e-3 of the prior width.
        var posterior = new LinearPosteriorOnUnitSquare();

        var result = new ModeSearch(8, 400).Find(posterior, RandomKey.FromSeed(3));

        Assert.Equal(1.0, result.Point[0], 1e-3);
        Assert.Equal(1e-3, result.Scale[0], 1e-12);
        Assert.Equal(1e-3, result.Scale[1], 1e-12);   // flat direction: no curvature either
        // The ball is centred 2 σ inside the edge.
        Assert.Equal(1.0 - 2e-3, result.BallCentre[0], 1e-12);
    }

    [Fact]
    public void ModeInACornerOfTwelveBounds_TheWalkersCanStillBePlaced()
    {
        // ln L = 3 Σ xᵢ on [0, 1]¹²: the mode is the corner (1, …, 1). A ball centred there would put a walker inside
        // all twelve bounds with probability 2⁻¹², and 100 redraws per walker would not place 32 walkers; centred 2 σ
        // inside, a draw is inside with probability ≈ 0.977¹² ≈ 0.76.
        var posterior = new CornerPosterior();
        var mode = new ModeSearch(8, 2400).Find(posterior, RandomKey.FromSeed(4));

        var start = InitialEnsemble.Draw(RandomKey.FromSeed(2), posterior, 32, mode.StartBall());

        Assert.All(mode.Point, x => Assert.InRange(x, 0.99, 1.0));
        Assert.All(start.LogPosteriors.ToArray(), p => Assert.True(double.IsFinite(p.Value)));
    }

    private sealed class CornerPosterior : IPosterior
    {
        public ParameterSpace Space { get; } = Spaces.Uniform(12, 0, 1);

        public IReadOnlyList<string> DerivedNames { get; } = [];

        public double LogLikelihood(ReadOnlySpan<double> sampled, Span<double> derived)
        {
            double sum = 0;
            foreach (double x in sampled) sum += x;
            return 3 * sum;
        }
    }

    private sealed class LinearPosteriorOnUnitSquare : IPosterior
    {
        public ParameterSpace Space { get; } = Spaces.Uniform(2, 0, 1);

        public IReadOnlyList<string> DerivedNames { get; } = [];

        public double LogLikelihood(ReadOnlySpan<double> sampled, Span<double> derived) => 3 * sampled[0];
    }

    [Fact]
    public void BadSettings_AreRefused()
    {
        var posterior = new TwoPeaks();
        Assert.Throws<ArgumentOutOfRangeException>(() => new ModeSearch(0, 100).Find(posterior, RandomKey.FromSeed(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ModeSearch(4, 100, Polished: 5).Find(posterior, RandomKey.FromSeed(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ModeSearch(4, 100, Restarts: -1).Find(posterior, RandomKey.FromSeed(1)));
    }
}
