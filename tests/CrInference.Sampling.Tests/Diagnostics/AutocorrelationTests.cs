using CrInference.Core.Random;
using CrInference.Sampling.Diagnostics;

namespace CrInference.Sampling.Tests.Diagnostics;

public class AutocorrelationTests
{
    /// <summary>Stationary AR(1) x_t = φ x_{t−1} + ε_t, ε ~ N(0, 1), started from N(0, 1/(1 − φ²)); step-major, walkers interleaved.</summary>
    internal static double[] Ar1(double phi, int steps, int walkers, ulong seed)
    {
        var chain = new double[steps * walkers];
        for (int w = 0; w < walkers; w++)
        {
            var random = RandomKey.FromSeed(seed).Split((ulong)w).Open();
            double x = random.NextGaussian() / Math.Sqrt(1 - phi * phi);
            for (int t = 0; t < steps; t++)
            {
                x = phi * x + random.NextGaussian();
                chain[t * walkers + w] = x;
            }
        }
        return chain;
    }

    [Fact]
    public void Function_SmallSeries_MatchesDirectSumToRoundOff()
    {
        // Direct O(n²) estimate: ρ(k) = Σ_t (x_t − x̄)(x_{t+k} − x̄) / Σ_t (x_t − x̄)², the estimator emcee's FFT computes.
        var random = RandomKey.FromSeed(8).Open();
        var x = Enumerable.Range(0, 37).Select(_ => random.NextGaussian()).ToArray();
        double mean = x.Average();
        double c0 = x.Sum(v => (v - mean) * (v - mean));
        var acf = Autocorrelation.Function(x);
        for (int k = 0; k < x.Length; k++)
        {
            double ck = 0;
            for (int t = 0; t + k < x.Length; t++) ck += (x[t] - mean) * (x[t + k] - mean);
            Assert.Equal(ck / c0, acf[k], 1e-12);
        }
    }

    [Fact]
    public void IntegratedTime_ThreeWalkers_AveragesTheWalkersNormalisedFunctions()
    {
        // An odd walker count exercises the unpaired walker of the two-series-per-FFT packing.
        const int steps = 50, walkers = 3;
        var chain = Ar1(0.5, steps, walkers, 12);
        var expected = new double[steps];
        for (int w = 0; w < walkers; w++)
        {
            var series = Enumerable.Range(0, steps).Select(t => chain[t * walkers + w]).ToArray();
            var acf = Autocorrelation.Function(series);
            for (int k = 0; k < steps; k++) expected[k] += acf[k] / walkers;
        }
        var fromAverage = Autocorrelation.FromFunction(expected);
        var estimate = Autocorrelation.IntegratedTime(chain, walkers, 1, 0);
        Assert.Equal(fromAverage.Tau, estimate.Tau, 1e-12);
        Assert.Equal(fromAverage.Window, estimate.Window);
    }

    [Fact]
    [Trait("Category", "Statistical")]
    public void IntegratedTime_Ar1PhiPointNineEnsemble_IsNineteenWithinTenPercent()
    {
        // τ = Σ_k φ^|k| = (1 + φ)/(1 − φ) = 19 for φ = 0.9. 32 walkers × 20 000 steps: the estimator's
        // relative sd is about √(2(2M + 1)/N_total) ≈ 2.4 % with M ≈ 5τ (Sokal 1997, eq. 3.19), so 10 % is ≈ 4σ.
        var chain = Ar1(0.9, 20_000, 32, EnsembleSupport.EnsembleHarness.Seed(303));
        var estimate = Autocorrelation.IntegratedTime(chain, 32, 1, 0);
        Assert.InRange(estimate.Tau, 19 * 0.9, 19 * 1.1);
        Assert.True(estimate.IsReliable);
        Assert.InRange(estimate.Window, 5 * 17, 5 * 21);
    }

    [Fact]
    public void IntegratedTime_WhiteNoiseSingleSeries_IsOneWithinTenPercent()
    {
        // Independent draws: ρ(k) = 0 for k > 0, so τ = 1; the window stops at M ≈ 5 and the relative sd is ≈ √(2·11/N) ≈ 1.5 %.
        var series = Ar1(0.0, 100_000, 1, 5);
        var estimate = Autocorrelation.IntegratedTime(series);
        Assert.InRange(estimate.Tau, 0.9, 1.1);
        Assert.True(estimate.IsReliable);
    }

    [Fact]
    public void IntegratedTime_ChainShorterThanFiftyTau_IsFlaggedUnreliableInsteadOfThrowing()
    {
        // 300 steps < 50 × 19 = 950.
        var chain = Ar1(0.9, 300, 32, 6);
        var estimate = Autocorrelation.IntegratedTime(chain, 32, 1, 0);
        Assert.False(estimate.IsReliable);
        Assert.True(double.IsFinite(estimate.Tau) && estimate.Tau > 1);
    }

    [Fact]
    public void IntegratedTime_ConstantParameter_IsInfiniteAndUnreliableWithZeroEss()
    {
        var chain = new double[100 * 4 * 2];
        var random = RandomKey.FromSeed(7).Open();
        for (int i = 0; i < chain.Length; i += 2) chain[i] = random.NextGaussian();
        Array.Fill(chain, 0.0, 0, 0);
        for (int i = 1; i < chain.Length; i += 2) chain[i] = 3.25;

        var taus = Autocorrelation.IntegratedTimes(chain, 4, 2);

        Assert.True(double.IsFinite(taus[0].Tau));
        Assert.True(double.IsPositiveInfinity(taus[1].Tau));
        Assert.False(taus[1].IsReliable);
        Assert.Equal(0.0, EffectiveSampleSize.FromTau(4, 100, taus[1].Tau));
    }

    [Fact]
    public void IntegratedTimes_PerParameter_MatchesTheSingleParameterCall()
    {
        var a = Ar1(0.5, 500, 6, 21);
        var b = Ar1(0.8, 500, 6, 22);
        var chain = new double[500 * 6 * 2];
        for (int r = 0; r < 500 * 6; r++)
        {
            chain[2 * r] = a[r];
            chain[2 * r + 1] = b[r];
        }
        var taus = Autocorrelation.IntegratedTimes(chain, 6, 2);
        Assert.Equal(Autocorrelation.IntegratedTime(a, 6, 1, 0), taus[0]);
        Assert.Equal(Autocorrelation.IntegratedTime(b, 6, 1, 0), taus[1]);
    }

    [Fact]
    public void FromFunction_WindowSearchThatNeverStops_IsUnreliable()
    {
        // ρ ≡ 1: τ(M) = 2M + 1 > M/5 for every M, so the window is the last lag and the estimate unreliable.
        var estimate = Autocorrelation.FromFunction(Enumerable.Repeat(1.0, 10).ToArray());
        Assert.Equal(9, estimate.Window);
        Assert.Equal(19.0, estimate.Tau);
        Assert.False(estimate.IsReliable);
    }
}
