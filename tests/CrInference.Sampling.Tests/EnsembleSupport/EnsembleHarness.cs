using System.Globalization;
using System.Text;
using CrInference.Core;
using CrInference.Core.Random;
using CrInference.Sampling.Chains;
using CrInference.Sampling.Diagnostics;
using CrInference.Sampling.Ensemble;

namespace CrInference.Sampling.Tests.EnsembleSupport;

/// <summary>A sampled chain after burn-in, step-major, with the run that produced it.</summary>
internal sealed record SampledChain(double[] Positions, bool[] Accepted, int Steps, int Walkers, int Dimension, EnsembleRunResult Run)
{
    public ReadOnlySpan<double> Row(int step, int walker) => Positions.AsSpan((step * Walkers + walker) * Dimension, Dimension);
}

/// <summary>
/// The shared statistical harness (emcee's <c>_test_normal</c> idea, reused for every move): run the sampler
/// on a target with known moments and check each expectation E[g] against its exact value within
/// <see cref="Sigmas"/> Monte-Carlo standard errors, the error from the chain itself:
/// σ_MC = sd(g) / √(walkers · steps / τ_g), τ_g the integrated autocorrelation time of the series g(x_t).
/// Fixed seeds; <c>CRINF_TEST_SEED</c> overrides them (dynesty's habit) to re-run with other chains.
/// </summary>
internal static class EnsembleHarness
{
    public const double Sigmas = 3.0;

    public static ulong Seed(ulong fallback) =>
        ulong.TryParse(Environment.GetEnvironmentVariable("CRINF_TEST_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out ulong seed) ? seed : fallback;

    public static SampledChain Run(IPosterior posterior, IEnsembleMove move, int walkers, int burnIn, int steps, ulong seed, double[] startMean, double[] startSigma, int threads = 1)
    {
        var start = InitialEnsemble.FromGaussianBall(RandomKey.FromSeed(seed).Split(0), posterior, walkers, startMean, startSigma);
        return Run(posterior, move, start, burnIn, steps, seed, threads: threads);
    }

    /// <summary>Runs <paramref name="burnIn"/> + <paramref name="steps"/> steps from <paramref name="start"/> and keeps
    /// every <paramref name="thin"/>-th step after burn-in (thinning only shortens the FFTs of the τ estimates;
    /// τ and the errors are then in units of kept steps).</summary>
    public static SampledChain Run(IPosterior posterior, IEnsembleMove move, EnsembleState start, int burnIn, int steps, ulong seed, int thin = 1, int threads = 1)
    {
        int walkers = start.Walkers;
        var sampler = new EnsembleSampler(posterior, move, new EnsembleSamplerOptions { Threads = threads, BlockSteps = 1000 });
        var sink = new InMemoryChainSink();
        var run = sampler.RunAsync(RandomKey.FromSeed(seed).Split(1), start, burnIn + steps, sink).GetAwaiter().GetResult();
        int d = posterior.Space.Dimension;
        var all = sink.Positions();
        var accepted = sink.Accepted();
        int kept = steps / thin;
        var positions = new double[kept * walkers * d];
        var keptAccepted = new bool[kept * walkers];
        for (int k = 0; k < kept; k++)
        {
            int t = burnIn + k * thin;
            Array.Copy(all, (long)t * walkers * d, positions, (long)k * walkers * d, walkers * d);
            Array.Copy(accepted, (long)t * walkers, keptAccepted, (long)k * walkers, walkers);
        }
        return new SampledChain(positions, keptAccepted, kept, walkers, d, run);
    }

    /// <summary>Collects expectation checks and asserts them together, listing every failure.</summary>
    public sealed class Checks(SampledChain chain)
    {
        private readonly StringBuilder _failures = new();
        private readonly StringBuilder _log = new();

        /// <summary>Checks E[g] = <paramref name="expected"/> within <see cref="Sigmas"/> σ_MC; returns the estimate.</summary>
        public double Expect(string label, Func<ReadOnlySpan<double>, double> g, double expected)
        {
            var series = new double[chain.Steps * chain.Walkers];
            for (int t = 0; t < chain.Steps; t++)
            {
                for (int w = 0; w < chain.Walkers; w++)
                {
                    series[t * chain.Walkers + w] = g(chain.Row(t, w));
                }
            }
            double mean = series.Average();
            double variance = series.Sum(v => (v - mean) * (v - mean)) / (series.Length - 1);
            var tau = Autocorrelation.IntegratedTime(series, chain.Walkers, 1, 0);
            double ess = EffectiveSampleSize.FromTau(chain.Walkers, chain.Steps, tau.Tau);
            double error = Math.Sqrt(variance / ess);
            string line = string.Create(CultureInfo.InvariantCulture,
                $"{label}: {mean:G6} vs exact {expected:G6}, σ_MC {error:G3} (τ {tau.Tau:F1}, ESS {ess:F0}), pull {(mean - expected) / error:F2}");
            _log.AppendLine(line);
            if (!tau.IsReliable)
            {
                _failures.AppendLine($"{line}: chain shorter than 50 τ, the error is not trustworthy");
            }
            else if (!(Math.Abs(mean - expected) <= Sigmas * error))
            {
                _failures.AppendLine(line);
            }
            return mean;
        }

        public string Log => _log.ToString();

        public void AssertAll()
        {
            Assert.True(_failures.Length == 0, $"expectations outside {Sigmas} σ_MC:\n{_failures}\nall checks:\n{_log}");
        }
    }

    /// <summary>
    /// Expectation checks over independent replicas (different seeds, each started from exact draws of the
    /// target, so every replica's average is an unbiased estimate of E[g] whatever its length). The Monte-Carlo
    /// error is the spread of the replica averages, sd/√R: honest for slowly mixing targets and heavy-tailed
    /// statistics, where a chain's own τ estimate is not yet trustworthy.
    /// </summary>
    public sealed class ReplicaChecks
    {
        private readonly List<(string Label, Func<ReadOnlySpan<double>, double> G, double Expected, List<double> Estimates)> _checks = [];

        public void Define(string label, Func<ReadOnlySpan<double>, double> g, double expected) => _checks.Add((label, g, expected, []));

        /// <summary>Adds one replica's averages of every defined statistic.</summary>
        public void Add(SampledChain chain)
        {
            foreach (var check in _checks)
            {
                double sum = 0;
                for (int t = 0; t < chain.Steps; t++)
                {
                    for (int w = 0; w < chain.Walkers; w++) sum += check.G(chain.Row(t, w));
                }
                check.Estimates.Add(sum / ((double)chain.Steps * chain.Walkers));
            }
        }

        public string Log { get; private set; } = "";

        public void AssertAll()
        {
            var failures = new StringBuilder();
            var log = new StringBuilder();
            foreach (var (label, _, expected, estimates) in _checks)
            {
                int r = estimates.Count;
                double mean = estimates.Average();
                double error = Math.Sqrt(estimates.Sum(e => (e - mean) * (e - mean)) / (r - 1) / r);
                string line = string.Create(CultureInfo.InvariantCulture,
                    $"{label}: {mean:G6} vs exact {expected:G6}, σ_MC {error:G3} from {r} replicas, pull {(mean - expected) / error:F2}");
                log.AppendLine(line);
                if (!(Math.Abs(mean - expected) <= Sigmas * error)) failures.AppendLine(line);
            }
            Log = log.ToString();
            Assert.True(failures.Length == 0, $"expectations outside {Sigmas} σ_MC:\n{failures}\nall checks:\n{log}");
        }
    }
}
