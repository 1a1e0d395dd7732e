using System.Text.Json;
using CrInference.Core.Random;
using CrInference.Sampling.Benchmarks;
using CrInference.Sampling.Chains;
using CrInference.Sampling.Ensemble;

namespace CrInference.Sampling.Tests.Ensemble;

/// <summary>
/// The benchmark reports the chain it timed and the fields its emcee counterpart reports; its timings are never
/// asserted. The acceptance fraction is checked against an independent run of the sampler from the same start and key
/// (the benchmark documents both: <c>InitialEnsemble.FromGaussianBall(root.Split(1))</c>, sampling key
/// <c>root.Split(2)</c>, stretch move), counting the accepted flags of every walker and step.
/// </summary>
public class SamplerBenchmarkTests
{
    [Fact]
    public async Task Run_SmallSettings_ReportsTheAcceptanceOfTheChainItRan()
    {
        const int walkers = 20, steps = 200, dimension = 10;
        var result = await SamplerBenchmark.RunAsync(new SamplerBenchmarkSettings(Walkers: walkers, Steps: steps, Threads: 1, Dimension: dimension, Repeats: 1));

        var posterior = new StandardGaussianPosterior(dimension);
        var root = RandomKey.FromSeed(1);
        var start = InitialEnsemble.FromGaussianBall(root.Split(1), posterior, walkers, new double[dimension], Enumerable.Repeat(1.0, dimension).ToArray());
        var sink = new InMemoryChainSink();
        await new EnsembleSampler(posterior, new StretchMove()).RunAsync(root.Split(2), start, steps, sink);
        double accepted = sink.Accepted().Count(a => a) / (double)(walkers * steps);

        Assert.Equal(accepted, result.AcceptanceFraction, 12);
        Assert.Equal((walkers, steps, dimension), (result.Walkers, result.Steps, result.Dimension));
        Assert.True(result.WallSeconds > 0 && result.LogDensitySecondsPerCall > 0);
    }

    [Fact]
    public async Task Json_HasEveryKeyOfTheEmceeScript()
    {
        // scripts/bench/emcee_gaussian.py prints these keys (besides "sampler"); the two outputs are compared side by side.
        string[] emcee = ["walkers", "steps", "dimension", "wall_seconds", "seconds_per_walker_step", "log_density_seconds_per_call",
            "log_density_share", "overhead_seconds_per_walker_step", "acceptance_fraction"];
        var result = await SamplerBenchmark.RunAsync(new SamplerBenchmarkSettings(Walkers: 10, Steps: 20, Threads: 1, Dimension: 2, Repeats: 1));

        using var json = JsonDocument.Parse(result.ToJson());
        var keys = json.RootElement.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        Assert.All(emcee, key => Assert.Contains(key, keys));
    }

    [Fact]
    public void StandardGaussian_LogLikelihood_IsMinusHalfTheSquaredNorm()
    {
        var posterior = new StandardGaussianPosterior(3);
        Assert.Equal(-0.5 * (1 + 4 + 9), posterior.LogLikelihood([1.0, -2.0, 3.0], []));
    }
}
