using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using CrInference.Core;
using CrInference.Core.Random;
using CrInference.Sampling.Chains;
using CrInference.Sampling.Ensemble;
using CrInference.Sampling.Nested;

namespace CrInference.Sampling.Benchmarks;

/// <summary>One run timed on 1 and on 2 threads: medians, efficiency T₁/(2T₂), and whether every result was identical.</summary>
/// <param name="Name">What ran.</param>
/// <param name="Calls">Likelihood calls of one run.</param>
/// <param name="OneThreadSeconds">Median wall time on 1 thread.</param>
/// <param name="TwoThreadSeconds">Median wall time on 2 threads.</param>
/// <param name="Identical">Whether all runs gave the same result (they must: results do not depend on threads).</param>
public sealed record ParallelEfficiency(string Name, long Calls, double OneThreadSeconds, double TwoThreadSeconds, bool Identical)
{
    /// <summary>T₁/(2T₂).</summary>
    public double Efficiency => OneThreadSeconds / (2 * TwoThreadSeconds);
}

/// <summary>
/// <c>./crinf bench parallel</c>: parallel efficiency of the ensemble sampler and of nested sampling on 2 threads —
/// each run repeated on 1 and 2 threads alternately (so that load from other processes hits both alike), with the
/// results compared bit for bit.
/// </summary>
public static class ParallelEfficiencyBenchmark
{
    /// <summary>An ensemble run of <paramref name="steps"/> steps from <paramref name="start"/> (chain discarded).</summary>
    public static ParallelEfficiency Ensemble(IPosterior posterior, EnsembleState start, IEnsembleMove move, int steps, RandomKey key, int repeats, Action<string>? log = null) =>
        Time($"ensemble, {start.Walkers} walkers × {steps} steps", repeats, log, threads =>
        {
            var sampler = new EnsembleSampler(posterior, move, new EnsembleSamplerOptions { Threads = threads });
            var result = sampler.RunAsync(key, start, steps, new DiscardingChainSink()).GetAwaiter().GetResult();
            return (result.LikelihoodEvaluations, Hash(result.FinalState.Positions.Span));
        });

    /// <summary><paramref name="batches"/> nested-sampling batches from <paramref name="initial"/>.</summary>
    public static ParallelEfficiency Nested(IPosterior posterior, NestedState initial, int batches, int repeats, Action<string>? log = null) =>
        Time($"nested, {initial.Settings.LiveCount} live points, {batches} batches of {initial.Settings.BatchSize} from the prior", repeats, log, threads =>
        {
            var state = initial with { Settings = initial.Settings with { MaxThreads = threads } };
            for (int b = 0; b < batches && !state.IsFinished; b++) state = NestedSampler.Step(posterior, state);
            return (state.LikelihoodCalls - initial.LikelihoodCalls, state.LogZ.ToString("R", CultureInfo.InvariantCulture));
        });

    /// <summary>The results as a Markdown table.</summary>
    public static string ToMarkdown(IEnumerable<ParallelEfficiency> results)
    {
        var text = new StringBuilder("| run | calls | T1 s | T2 s | efficiency | identical results |\n|---|---|---|---|---|---|\n");
        foreach (var r in results)
            text.Append(string.Create(CultureInfo.InvariantCulture, $"| {r.Name} | {r.Calls} | {r.OneThreadSeconds:F2} | {r.TwoThreadSeconds:F2} | {r.Efficiency:P1} | {(r.Identical ? "yes" : "NO")} |\n"));
        return text.ToString();
    }

    private static ParallelEfficiency Time(string name, int repeats, Action<string>? log, Func<int, (long Calls, string Result)> run)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(repeats, 1);
        var one = new List<double>();
        var two = new List<double>();
        string? reference = null;
        bool identical = true;
        long calls = 0;
        for (int r = 0; r < repeats; r++)
        {
            foreach (int threads in new[] { 1, 2 })
            {
                long t0 = Stopwatch.GetTimestamp();
                var (c, result) = run(threads);
                double seconds = Stopwatch.GetElapsedTime(t0).TotalSeconds;
                (threads == 1 ? one : two).Add(seconds);
                calls = c;
                reference ??= result;
                identical &= reference == result;
                log?.Invoke(string.Create(CultureInfo.InvariantCulture, $"{name}: {threads} thread(s) {seconds:F2} s, {c} calls"));
            }
        }
        return new ParallelEfficiency(name, calls, Median(one), Median(two), identical);
    }

    private static string Hash(ReadOnlySpan<double> values) => Convert.ToHexString(SHA256.HashData(MemoryMarshal.AsBytes(values)));

    private static double Median(List<double> values) => BenchmarkStatistics.Median(values);

}
