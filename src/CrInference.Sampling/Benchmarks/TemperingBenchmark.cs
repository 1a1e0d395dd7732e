using System.Diagnostics;
using System.Globalization;
using System.Text;
using CrInference.Core.Random;
using CrInference.Sampling.Nested;
using CrInference.Sampling.Tempering;

namespace CrInference.Sampling.Benchmarks;

/// <summary>
/// One evidence method on one case over several seeds: how often the exact ln Z fell within 1, 2 and 3
/// of the run's own σ (68.3 %, 95.4 %, 99.7 % for calibrated errors), mean and rms of
/// Δ = ln Z − ln Z_exact, mean σ, likelihood calls and wall time per run. <see cref="Method"/> is
/// <c>nested</c>, <c>pt-ti</c> (thermodynamic integration) or <c>pt-ss</c> (stepping stones; the two PT
/// rows come from the same runs, so they share calls and wall time).
/// </summary>
public sealed record EvidenceMethodCoverage(
    string Name,
    string Method,
    double ExactLogEvidence,
    int Runs,
    int WithinOneSigma,
    int WithinTwoSigma,
    int WithinThreeSigma,
    double MeanDelta,
    double RmsDelta,
    double MeanLogZError,
    double MeanLikelihoodCalls,
    double MeanWallSeconds);

/// <summary>
/// Parallel tempering against nested sampling on cases with a known evidence (the conjugate Gaussian
/// problem first among them; the composition root builds the cases from the analytic test problems):
/// every case is run with seeds <c>firstSeed … firstSeed + seeds − 1</c> by <see cref="NestedSampler"/>
/// and by <see cref="ParallelTempering"/>. Exposed as <c>./crinf bench evidence</c>; wall times are
/// reported, never asserted.
/// </summary>
public static class TemperingBenchmark
{
    public static IReadOnlyList<EvidenceMethodCoverage> Run(
        IReadOnlyList<EvidenceBenchmarkCase> cases, TemperingSettings tempering, NestedSettings nested,
        int seeds = 10, ulong firstSeed = 1, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(tempering);
        ArgumentNullException.ThrowIfNull(nested);
        ArgumentOutOfRangeException.ThrowIfLessThan(seeds, 1);
        var report = new List<EvidenceMethodCoverage>(3 * cases.Count);
        foreach (var c in cases)
        {
            var nestedRuns = new List<Outcome>(seeds);
            var ti = new List<Outcome>(seeds);
            var ss = new List<Outcome>(seeds);
            for (int s = 0; s < seeds; s++)
            {
                ulong seed = firstSeed + (ulong)s;
                var clock = Stopwatch.StartNew();
                var n = NestedSampler.Run(c.Posterior, nested, RandomKey.FromSeed(seed), cancellationToken: cancellationToken);
                double nestedSeconds = clock.Elapsed.TotalSeconds;
                nestedRuns.Add(new Outcome(n.LogZ, n.LogZError, n.LikelihoodCalls, nestedSeconds));

                clock.Restart();
                var p = ParallelTempering.Run(c.Posterior, tempering, RandomKey.FromSeed(seed), cancellationToken: cancellationToken);
                double ptSeconds = clock.Elapsed.TotalSeconds;
                ti.Add(new Outcome(p.LogZ, p.LogZError, p.LikelihoodCalls, ptSeconds));
                ss.Add(new Outcome(p.LogZSteppingStone, p.LogZSteppingStoneError, p.LikelihoodCalls, ptSeconds));
                progress?.Report(string.Create(CultureInfo.InvariantCulture,
                    $"{c.Name} seed {seed}: exact {c.ExactLogEvidence:F4}; nested {n.LogZ:F4} ± {n.LogZError:F4} ({n.LikelihoodCalls} calls, {nestedSeconds:F2} s); " +
                    $"PT TI {p.LogZ:F4} ± {p.LogZError:F4}, SS {p.LogZSteppingStone:F4} ± {p.LogZSteppingStoneError:F4} " +
                    $"(K = {p.Temperatures}, {p.LikelihoodCalls} calls, {ptSeconds:F2} s)"));
            }
            report.Add(Summarise(c, "nested", nestedRuns));
            report.Add(Summarise(c, "pt-ti", ti));
            report.Add(Summarise(c, "pt-ss", ss));
        }
        return report;
    }

    /// <summary>The report as a Markdown table.</summary>
    public static string ToMarkdown(IReadOnlyList<EvidenceMethodCoverage> report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        text.AppendLine("| problem | method | exact ln Z | runs | within 1σ | within 2σ | within 3σ | mean Δ | rms Δ | mean σ | mean calls | mean wall s |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in report)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Name} | {r.Method} | {r.ExactLogEvidence:F4} | {r.Runs} | {r.WithinOneSigma} ({100.0 * r.WithinOneSigma / r.Runs:F0} %) | {r.WithinTwoSigma} | {r.WithinThreeSigma} | {r.MeanDelta:+0.000;-0.000} | {r.RmsDelta:F3} | {r.MeanLogZError:F3} | {r.MeanLikelihoodCalls:F0} | {r.MeanWallSeconds:F2} |"));
        }
        return text.ToString();
    }

    private readonly record struct Outcome(double LogZ, double LogZError, long Calls, double Seconds);

    private static EvidenceMethodCoverage Summarise(EvidenceBenchmarkCase c, string method, List<Outcome> runs)
    {
        int one = 0, two = 0, three = 0;
        double sumDelta = 0, sumSquares = 0, sumError = 0, sumCalls = 0, sumSeconds = 0;
        foreach (var r in runs)
        {
            double delta = r.LogZ - c.ExactLogEvidence;
            double pull = Math.Abs(delta) / r.LogZError;
            if (pull <= 1) one++;
            if (pull <= 2) two++;
            if (pull <= 3) three++;
            sumDelta += delta;
            sumSquares += delta * delta;
            sumError += r.LogZError;
            sumCalls += r.Calls;
            sumSeconds += r.Seconds;
        }
        int n = runs.Count;
        return new EvidenceMethodCoverage(c.Name, method, c.ExactLogEvidence, n, one, two, three,
            sumDelta / n, Math.Sqrt(sumSquares / n), sumError / n, sumCalls / n, sumSeconds / n);
    }
}
