using CrInference.Core.Random;
using CrInference.Sampling.Diagnostics;

namespace CrInference.Sampling.Tests.Diagnostics;

public class LaggingWalkersTests
{
    // ln p of a walker in a D-dimensional Gaussian posterior is −χ²_D/2 (sd √(D/2)); a walker held 30 units
    // lower (as seen in a two-phase fit, where one walker sat at ln L −267 against −237 for the rest) is 30/√(5/2)
    // ≈ 19 single-sample sds below the bulk, well past the 5 + 3√(D/2) ≈ 9.7 threshold for D = 5.
    private static double[] GaussianLogPosteriors(int walkers, int steps, int dimension, ulong seed)
    {
        var values = new double[walkers * steps];
        var stream = RandomKey.FromSeed(seed).Open();
        for (int i = 0; i < values.Length; i++)
        {
            double chi2 = 0;
            for (int k = 0; k < dimension; k++)
            {
                double g = stream.NextGaussian();
                chi2 += g * g;
            }
            values[i] = -0.5 * chi2;
        }
        return values;
    }

    [Fact]
    public void JoinSteps_HealthyEnsemble_FlagsNoWalkerAndAllJoinAtOnce()
    {
        var lnp = GaussianLogPosteriors(32, 400, 5, 1);
        var (join, lagging, _) = LaggingWalkers.JoinSteps(lnp, 32, 5);
        Assert.DoesNotContain(true, lagging);
        // A sample falls below the level (median − 9.7) with probability P(χ²_5 > ~24) ≈ 2e-4, so every walker
        // joins in its first few steps.
        Assert.All(join, j => Assert.InRange(j, 0, 3));
    }

    [Fact]
    public void Detect_WalkerThirtyBelowTheBulk_IsReportedAsLagging()
    {
        const int walkers = 32, steps = 400, dimension = 5;
        var lnp = GaussianLogPosteriors(walkers, steps, dimension, 2);
        for (int t = 0; t < steps; t++) lnp[t * walkers + 31] -= 30;
        var accepted = new bool[walkers * steps];
        Array.Fill(accepted, true);
        var report = StuckWalkerReport.Detect(accepted, walkers, 10, lnp, dimension);
        var flagged = Assert.Single(report.Stuck);
        Assert.Equal(31, flagged.Walker);
        Assert.Contains("lags", flagged.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void JoinSteps_WalkerArrivingLate_JoinsWhenItReachesTheBulk()
    {
        const int walkers = 16, steps = 300, dimension = 3;
        var lnp = GaussianLogPosteriors(walkers, steps, dimension, 3);
        // Walker 4 climbs from 100 below the bulk, linearly, reaching it at step 100.
        for (int t = 0; t < 100; t++) lnp[t * walkers + 4] -= 100 - t;
        var (join, lagging, _) = LaggingWalkers.JoinSteps(lnp, walkers, dimension);
        Assert.False(lagging[4]);
        // Level = median − (5 + 3√1.5) ≈ median − 8.7: reached once the offset drops below ~8.7 ± the noise.
        Assert.InRange(join[4], 85, 100);
    }
}
