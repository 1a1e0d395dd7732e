using CrInference.Core.Random;
using CrInference.Sampling.Diagnostics;

namespace CrInference.Sampling.Tests.Diagnostics;

public class ChainDiagnosticsTests
{
    /// <summary>Step-major flags where walker w accepts at step t iff <paramref name="rule"/>(t, w).</summary>
    private static bool[] Flags(int steps, int walkers, Func<int, int, bool> rule)
    {
        var flags = new bool[steps * walkers];
        for (int t = 0; t < steps; t++)
            for (int w = 0; w < walkers; w++)
                flags[t * walkers + w] = rule(t, w);
        return flags;
    }

    [Fact]
    public void EffectiveSampleSize_FromTau_IsWalkersTimesStepsOverTau()
    {
        Assert.Equal(1600.0, EffectiveSampleSize.FromTau(32, 1000, 20.0));
        Assert.Equal(0.0, EffectiveSampleSize.FromTau(32, 1000, double.PositiveInfinity));
        Assert.True(double.IsNaN(EffectiveSampleSize.FromTau(32, 1000, -1.0)));
    }

    [Fact]
    public void Acceptance_Fractions_AreCountsOverSteps()
    {
        // Walker w accepts at steps t with t % (w + 1) == 0: ⌈10/(w + 1)⌉ of 10 steps.
        var flags = Flags(10, 4, (t, w) => t % (w + 1) == 0);
        var summary = AcceptanceSummary.Compute(flags, 4);
        Assert.Equal(new[] { 1.0, 0.5, 0.4, 0.3 }, summary.PerWalker.ToArray());
        Assert.Equal(22.0 / 40, summary.Overall, 1e-15);
        Assert.Equal(0.45, summary.Median, 1e-15);
    }

    [Fact]
    public void StuckWalkers_NoAcceptanceInTheLastWindow_IsFlagged()
    {
        // 8 walkers accepting every other step; walker 3 stops accepting after step 100 of 400.
        // τ_max = 20 ⇒ window max(50, 5·20) = 100 steps; walker 3 has gone 299 steps without a move.
        var flags = Flags(400, 8, (t, w) => w == 3 ? t <= 100 && t % 2 == 0 : t % 2 == 0);
        var report = StuckWalkerReport.Detect(flags, 8, tauMax: 20);
        Assert.Equal(100, report.WindowSteps);
        var stuck = Assert.Single(report.Stuck);
        Assert.Equal(3, stuck.Walker);
        Assert.Equal(299, stuck.StepsSinceLastAcceptance);
        Assert.Contains("no accepted move in the last 100 steps", stuck.Reason);
    }

    [Fact]
    public void StuckWalkers_AcceptanceBelowATenthOfTheMedian_IsFlagged()
    {
        // Median acceptance 0.5; walker 5 accepts every 40th step (0.025 < 0.05) but recently enough for rule (1).
        var flags = Flags(400, 8, (t, w) => w == 5 ? t % 40 == 39 : t % 2 == 0);
        var report = StuckWalkerReport.Detect(flags, 8, tauMax: 5);
        var stuck = Assert.Single(report.Stuck);
        Assert.Equal(5, stuck.Walker);
        Assert.Equal(0.025, stuck.AcceptanceFraction, 1e-15);
        Assert.Contains("below 1/10 of the median", stuck.Reason);
    }

    [Fact]
    public void StuckWalkers_HealthyEnsembleAndUnknownTau_NoneFlagged()
    {
        var random = RandomKey.FromSeed(1).Open();
        var flags = new bool[1000 * 16];
        for (int i = 0; i < flags.Length; i++) flags[i] = random.NextDouble() < 0.3;
        var report = StuckWalkerReport.Detect(flags, 16, double.NaN);
        Assert.True(report.IsHealthy);
        Assert.Equal(50, report.WindowSteps);
    }

    [Fact]
    public void StuckWalkers_ChainShorterThanTheWindow_UsesTheWholeChain()
    {
        var flags = Flags(20, 4, (t, w) => w != 0);
        var report = StuckWalkerReport.Detect(flags, 4, tauMax: 30);
        Assert.Equal(150, report.WindowSteps);
        Assert.Equal(0, Assert.Single(report.Stuck).Walker);
    }

    [Fact]
    public void ChainSummary_FiveValues_QuantilesInterpolateLinearly()
    {
        // One walker, one parameter, values 5, 1, 4, 2, 3: sorted 1..5; type-7 quantile q = 1 + 4q.
        double[] chain = [5, 1, 4, 2, 3];
        var summary = ChainSummary.Compute(chain, new bool[5], 1, 1, ["a"]);
        var p = Assert.Single(summary.Parameters);
        Assert.Equal("a", p.Name);
        Assert.Equal(3.0, p.Mean);
        Assert.Equal(Math.Sqrt(2.5), p.StandardDeviation, 1e-15);
        Assert.Equal(3.0, p.Median);
        Assert.Equal(1.64, p.Quantile16, 1e-12);
        Assert.Equal(4.36, p.Quantile84, 1e-12);
    }

    [Fact]
    public void ChainSummary_IndependentNormalDraws_MomentsAndTauMatchWithinFiveSigma()
    {
        // iid N(2, 3²) in 16 walkers × 2000 steps: τ = 1, ESS = 32 000, s.e. of the mean 3/√32000.
        const int walkers = 16, steps = 2000;
        var random = RandomKey.FromSeed(6).Open();
        var chain = new double[walkers * steps];
        for (int i = 0; i < chain.Length; i++) chain[i] = 2 + 3 * random.NextGaussian();
        var flags = new bool[walkers * steps];
        for (int i = 0; i < flags.Length; i++) flags[i] = random.NextDouble() < 0.4;

        var summary = ChainSummary.Compute(chain, flags, walkers, 1);
        var p = summary.Parameters[0];

        double n = walkers * steps;
        Assert.InRange(p.Mean, 2 - 5 * 3 / Math.Sqrt(n), 2 + 5 * 3 / Math.Sqrt(n));
        Assert.InRange(p.StandardDeviation, 3 * (1 - 5 / Math.Sqrt(2 * n)), 3 * (1 + 5 / Math.Sqrt(2 * n)));
        Assert.InRange(p.Median, 2 - 5 * 1.2533 * 3 / Math.Sqrt(n), 2 + 5 * 1.2533 * 3 / Math.Sqrt(n));
        // Normal 16 % / 84 % quantiles: 2 ∓ 0.994458·3.
        Assert.InRange(p.Quantile16, 2 - 0.994458 * 3 - 0.05, 2 - 0.994458 * 3 + 0.05);
        Assert.InRange(p.Quantile84, 2 + 0.994458 * 3 - 0.05, 2 + 0.994458 * 3 + 0.05);
        Assert.InRange(p.Tau.Tau, 0.9, 1.1);
        Assert.InRange(p.EffectiveSampleSize, n / 1.1, n / 0.9);
        Assert.InRange(summary.Acceptance.Overall, 0.4 - 5 * Math.Sqrt(0.24 / n), 0.4 + 5 * Math.Sqrt(0.24 / n));
        Assert.True(summary.StuckWalkers.IsHealthy);
        Assert.Equal(summary.TauMax, p.Tau.Tau);
        Assert.Equal(summary.MinimumEffectiveSampleSize, p.EffectiveSampleSize);
    }
}
