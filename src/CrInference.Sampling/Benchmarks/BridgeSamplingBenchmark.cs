using System.Diagnostics;
using System.Globalization;
using System.Text;
using CrInference.Core;
using CrInference.Core.Random;
using CrInference.Sampling.Bridge;
using CrInference.Sampling.Chains;
using CrInference.Sampling.Ensemble;

namespace CrInference.Sampling.Benchmarks;

/// <summary>The ensemble run that feeds bridge sampling in the benchmark and the tests.</summary>
/// <param name="Walkers">Ensemble size.</param>
/// <param name="BurnIn">Steps discarded.</param>
/// <param name="Steps">Steps kept after burn-in.</param>
/// <param name="Threads">Threads of the ensemble sampler and of the proposal draws' likelihood calls.</param>
public sealed record BridgeChainSettings(int Walkers = 32, int BurnIn = 2000, int Steps = 4000, int Threads = 1);

/// <summary>One bridge-sampling run on a problem with exact ln Z.</summary>
/// <param name="Name">Problem.</param>
/// <param name="Seed">Seed of the chain and the proposal.</param>
/// <param name="ExactLogEvidence">Exact ln Z.</param>
/// <param name="Result">The estimate, or the refusal.</param>
/// <param name="ChainCalls">Likelihood calls of the ensemble run (burn-in included).</param>
/// <param name="WallSeconds">Wall time of bridge sampling alone (fit, draws, iteration, checks).</param>
public sealed record BridgeSamplingRun(string Name, ulong Seed, double ExactLogEvidence, BridgeSamplingResult Result, long ChainCalls, double WallSeconds)
{
    /// <summary>(ln Z − exact)/σ; NaN when refused.</summary>
    public double Pull => Result.Succeeded ? (Result.LogEvidence!.Value - ExactLogEvidence) / Result.LogEvidenceError!.Value : double.NaN;
}

/// <summary>
/// <c>./crinf bench bridge</c>: bridge sampling (<see cref="BridgeSampler"/>) after an ensemble run (stretch 0.8 +
/// differential evolution 0.2, walkers drawn from the prior, the settings of <see cref="BridgeChainSettings"/>) on every
/// problem with an exact ln Z, over several seeds: how often the estimate is within 1/2/3 σ of the exact value, how often
/// the method refused (and why), and what it cost. A refusal is the right answer where the chain cannot support an
/// estimate; a number outside 3σ is a failure of the method.
/// </summary>
public static class BridgeSamplingBenchmark
{
    /// <summary>Post-burn-in chain of an ensemble run from the prior: step-major positions and log likelihoods, and calls made.</summary>
    public static (double[] Positions, double[] LogLikelihoods, long Calls) SampleChain(IPosterior posterior, BridgeChainSettings chain, RandomKey key)
    {
        var move = new WeightedMixtureMove([(new StretchMove(), 0.8), (new DifferentialEvolutionMove(), 0.2)]);
        var start = InitialEnsemble.FromPrior(key.Split(0), posterior, chain.Walkers);
        var sampler = new EnsembleSampler(posterior, move, new EnsembleSamplerOptions { Threads = chain.Threads, BlockSteps = 500 });
        var sink = new InMemoryChainSink();
        var run = sampler.RunAsync(key.Split(1), start, chain.BurnIn + chain.Steps, sink).GetAwaiter().GetResult();
        int d = posterior.Space.Dimension, w = chain.Walkers;
        var positions = sink.Positions().AsSpan((int)((long)chain.BurnIn * w * d)).ToArray();
        var logLikelihoods = sink.LogPosteriors().Skip(chain.BurnIn * w).Select(l => l.LogLikelihood).ToArray();
        return (positions, logLikelihoods, run.LikelihoodEvaluations);
    }

    /// <summary>Runs every case over <paramref name="seeds"/> seeds.</summary>
    public static IReadOnlyList<BridgeSamplingRun> Run(IReadOnlyList<EvidenceBenchmarkCase> cases, BridgeChainSettings chain, BridgeSamplingSettings bridge,
        int seeds = 5, ulong firstSeed = 1, IProgress<string>? progress = null)
    {
        var runs = new List<BridgeSamplingRun>();
        foreach (var c in cases)
        {
            for (int s = 0; s < seeds; s++)
            {
                ulong seed = firstSeed + (ulong)s;
                var key = RandomKey.FromSeed(seed);
                var (positions, logLikelihoods, calls) = SampleChain(c.Posterior, chain, key.Split(0));
                long t0 = Stopwatch.GetTimestamp();
                var result = BridgeSampler.Estimate(c.Posterior, chain.Walkers, chain.Steps, positions, logLikelihoods, key.Split(1), bridge, chain.Threads);
                double wall = Stopwatch.GetElapsedTime(t0).TotalSeconds;
                var run = new BridgeSamplingRun(c.Name, seed, c.ExactLogEvidence, result, calls, wall);
                runs.Add(run);
                progress?.Report(result.Succeeded
                    ? string.Create(CultureInfo.InvariantCulture, $"{c.Name} seed {seed}: ln Z = {result.LogEvidence:F3} ± {result.LogEvidenceError:F3} (exact {c.ExactLogEvidence:F3}, pull {run.Pull:F2})")
                    : $"{c.Name} seed {seed}: refused: {result.Failure}");
            }
        }
        return runs;
    }

    /// <summary>Per problem: exact ln Z, estimates within 1/2/3 σ, refusals with the first reason, median σ and calls.</summary>
    public static string Report(IReadOnlyList<BridgeSamplingRun> runs, BridgeChainSettings chain, BridgeSamplingSettings bridge)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.Append(string.Create(c, $"## Bridge sampling on problems with exact ln Z: {chain.Walkers} walkers, {chain.BurnIn} burn-in + {chain.Steps} kept steps, {bridge.ProposalDraws} proposal draws\n\n"));
        text.Append("Estimates: (ln Z − exact)/σ; a refusal (no number, with its reason) counts as a pass where the chain cannot support an estimate, a number outside 3σ as a failure.\n\n");
        text.Append("| problem | exact ln Z | runs | estimates | within 1σ | within 2σ | within 3σ | refused | median ln Z | median σ | median extra calls | median chain calls | median bridge s | first refusal |\n");
        text.Append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        foreach (var group in runs.GroupBy(r => r.Name))
        {
            var all = group.ToList();
            var ok = all.Where(r => r.Result.Succeeded).ToList();
            int within(double k) => ok.Count(r => Math.Abs(r.Pull) <= k);
            string reason = all.FirstOrDefault(r => !r.Result.Succeeded)?.Result.Failure ?? "";
            text.Append(string.Create(c, $"| {group.Key} | {all[0].ExactLogEvidence:F4} | {all.Count} | {ok.Count} | {within(1)} | {within(2)} | {within(3)} | {all.Count - ok.Count} | "
                + $"{Median(ok.Select(r => r.Result.LogEvidence!.Value)):F3} | {Median(ok.Select(r => r.Result.LogEvidenceError!.Value)):F3} | {Median(all.Select(r => (double)r.Result.LikelihoodCalls)):F0} | "
                + $"{Median(all.Select(r => (double)r.ChainCalls)):F0} | {Median(all.Select(r => r.WallSeconds)):F2} | {reason.Replace("|", "/")} |\n"));
        }
        return text.ToString();
    }

    private static double Median(IEnumerable<double> values) => BenchmarkStatistics.Median(values);

}
