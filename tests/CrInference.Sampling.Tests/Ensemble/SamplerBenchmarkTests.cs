using CrInference.Sampling.Benchmarks;

namespace CrInference.Sampling.Tests.Ensemble;

/// <summary>The benchmark runs and reports self-consistent numbers; its timings are never asserted.</summary>
public class SamplerBenchmarkTests
{
    [Fact]
    public async Task Run_SmallSettings_ReportsConsistentFields()
    {
        var result = await SamplerBenchmark.RunAsync(new SamplerBenchmarkSettings(Walkers: 20, Steps: 200, Threads: 1, Dimension: 10, Repeats: 1));
        Assert.Equal(200, result.Steps);
        Assert.Equal(result.WallSeconds / (20 * 200), result.SecondsPerWalkerStep, 1e-15);
        Assert.Equal(result.SecondsPerWalkerStep * (1 - result.LogDensityShare), result.OverheadSecondsPerWalkerStep, 1e-12);
        Assert.InRange(result.AcceptanceFraction, 0.05, 0.6);
        Assert.Contains("\"overhead_seconds_per_walker_step\"", result.ToJson());
    }

    [Fact]
    public void StandardGaussian_LogLikelihood_IsMinusHalfTheSquaredNorm()
    {
        var posterior = new StandardGaussianPosterior(3);
        Assert.Equal(-0.5 * (1 + 4 + 9), posterior.LogLikelihood([1.0, -2.0, 3.0], []));
    }
}
