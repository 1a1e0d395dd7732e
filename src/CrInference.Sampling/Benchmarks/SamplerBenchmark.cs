using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using CrInference.Core.Random;
using CrInference.Sampling.Chains;
using CrInference.Sampling.Ensemble;

namespace CrInference.Sampling.Benchmarks;

/// <summary>Settings of <see cref="SamplerBenchmark"/> (defaults match <c>scripts/bench/emcee_gaussian.py</c>).</summary>
/// <param name="Walkers">Ensemble size.</param>
/// <param name="Steps">Steps per timed run.</param>
/// <param name="Threads">Threads for the kernel (a cheap target runs serially anyway, see <see cref="RedBlueKernel"/>).</param>
/// <param name="Dimension">Dimension of the standard Gaussian.</param>
/// <param name="Seed">Seed of the initial ensemble and the chain.</param>
/// <param name="Repeats">Timed runs; the fastest is reported (as Python's timeit does), which filters out load from other processes.</param>
public sealed record SamplerBenchmarkSettings(int Walkers = 32, int Steps = 20000, int Threads = 1, int Dimension = 10, ulong Seed = 1, int Repeats = 3);

/// <summary>
/// Result of <see cref="SamplerBenchmark.RunAsync"/>, from the fastest of the timed runs. Times in seconds. The log-density time is measured
/// apart (the same number of likelihood calls in a plain loop, serially) so the sampler run carries no
/// timing instrumentation; the prior is counted as sampler overhead. With several threads the overhead
/// assumes the log-density time divides perfectly over the threads.
/// </summary>
public sealed record SamplerBenchmarkResult(
    int Walkers,
    int Steps,
    int Threads,
    int Dimension,
    double WallSeconds,
    double SecondsPerWalkerStep,
    double LogDensitySecondsPerCall,
    double LogDensityShare,
    double OverheadSecondsPerWalkerStep,
    double AcceptanceFraction,
    double AllocatedBytesPerStep)
{
    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = false };

    /// <summary>One-line JSON with snake_case keys, comparable with the emcee script's output.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>A one-line human summary.</summary>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Walkers} walkers × {Steps} steps, {Dimension}-D Gaussian, {Threads} thread(s): wall {WallSeconds:0.000} s, " +
        $"{SecondsPerWalkerStep * 1e9:0.0} ns per walker-step, log-density {LogDensitySecondsPerCall * 1e9:0.0} ns per call " +
        $"({LogDensityShare:P1}), overhead {OverheadSecondsPerWalkerStep * 1e9:0.0} ns per walker-step, acceptance {AcceptanceFraction:0.000}, " +
        $"{AllocatedBytesPerStep:0} B allocated per step");
}

/// <summary>
/// Speed of the ensemble sampler on a 10-D standard Gaussian (<see cref="StandardGaussianPosterior"/>),
/// stretch move: wall time, time per walker-step, and the share spent in the log-density, so that the
/// sampler's overhead per walker-step = total − log-density time. The timed run starts from the same
/// initial ensemble and seed as the warm-up, so its chain does not depend on the warm-up. The counterpart for emcee is
/// <c>scripts/bench/emcee_gaussian.py</c>; the CLI exposes this as <c>crinf bench sampler</c>.
/// Timing belongs here, never in tests.
/// </summary>
public static class SamplerBenchmark
{
    public static async Task<SamplerBenchmarkResult> RunAsync(SamplerBenchmarkSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(settings.Steps);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(settings.Repeats);
        var posterior = new StandardGaussianPosterior(settings.Dimension);
        var root = RandomKey.FromSeed(settings.Seed);
        var mean = new double[settings.Dimension];
        var sigma = new double[settings.Dimension];
        Array.Fill(sigma, 1.0);
        var start = InitialEnsemble.FromGaussianBall(root.Split(1), posterior, settings.Walkers, mean, sigma);
        var sampler = new EnsembleSampler(posterior, new StretchMove(), new EnsembleSamplerOptions { Threads = settings.Threads, BlockSteps = 1000 });
        var samplingKey = root.Split(2);

        // Warm-up for at least half a second: tiered JIT waits ~100 ms without new methods before it
        // promotes the hot loop to optimised code, which a short timed run would otherwise partly miss.
        var warmUpClock = Stopwatch.StartNew();
        var warmUpState = start;
        do
        {
            var warmUp = await sampler.RunAsync(samplingKey, warmUpState, Math.Max(500, settings.Steps / 5), new DiscardingChainSink(), cancellationToken: cancellationToken).ConfigureAwait(false);
            warmUpState = warmUp.FinalState;
            TimeLogDensity(posterior, warmUpState, settings.Walkers * 100L);
        }
        while (warmUpClock.Elapsed < TimeSpan.FromSeconds(0.5));

        long walkerSteps = (long)settings.Walkers * settings.Steps;
        double wall = double.PositiveInfinity, logDensityTotal = double.PositiveInfinity;
        long allocated = 0;
        EnsembleRunResult? run = null;
        for (int repeat = 0; repeat < settings.Repeats; repeat++)
        {
            long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            long began = Stopwatch.GetTimestamp();
            run = await sampler.RunAsync(samplingKey, start, settings.Steps, new DiscardingChainSink(), cancellationToken: cancellationToken).ConfigureAwait(false);
            double seconds = Stopwatch.GetElapsedTime(began).TotalSeconds;
            long bytes = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            if (seconds < wall)
            {
                wall = seconds;
                allocated = bytes;
            }
            logDensityTotal = Math.Min(logDensityTotal, TimeLogDensity(posterior, run.FinalState, walkerSteps));
        }
        double perWalkerStep = wall / walkerSteps;
        double perCall = logDensityTotal / walkerSteps;
        double logDensityPerWalkerStep = perCall / Math.Min(settings.Threads, settings.Walkers / 2);
        return new SamplerBenchmarkResult(
            settings.Walkers,
            settings.Steps,
            settings.Threads,
            settings.Dimension,
            wall,
            perWalkerStep,
            perCall,
            logDensityPerWalkerStep / perWalkerStep,
            perWalkerStep - logDensityPerWalkerStep,
            run!.AcceptanceFraction,
            (double)allocated / settings.Steps);
    }

    /// <summary>Seconds for <paramref name="calls"/> likelihood calls at the walkers of <paramref name="state"/>.</summary>
    private static double TimeLogDensity(StandardGaussianPosterior posterior, EnsembleState state, long calls)
    {
        var positions = state.Positions.Span;
        int d = state.Dimension;
        int walkers = state.Walkers;
        Span<double> noDerived = [];
        double sink = 0;
        long start = Stopwatch.GetTimestamp();
        for (long call = 0; call < calls; call++)
        {
            int w = (int)(call % walkers);
            sink += posterior.LogLikelihood(positions.Slice(w * d, d), noDerived);
        }
        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        GC.KeepAlive(sink);
        return double.IsNaN(sink) ? double.NaN : seconds;
    }
}
