using System.Diagnostics;
using System.Globalization;
using System.Text;
using CrInference.Core.Random;
using CrInference.Sampling.Nested;

namespace CrInference.Sampling.Benchmarks;

/// <summary>
/// Coverage of the nested-sampling error bars: runs every case for a range of seeds with the given
/// settings and counts how often |ln Z − ln Z_exact| ≤ kσ for k = 1, 2, 3 (a well-calibrated σ gives
/// 68.3 %, 95.4 %, 99.7 %; with 20 seeds the 1σ count has a binomial spread of ±2). Too heavy for
/// the test suite; exposed as <c>./crinf bench evidence</c>. Wall times are reported, never asserted.
/// </summary>
public static class NestedCoverageBenchmark
{
    public static IReadOnlyList<EvidenceCoverage> Run(
        IReadOnlyList<EvidenceBenchmarkCase> cases, NestedSettings settings, int seeds = 20, ulong firstSeed = 1,
        IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentOutOfRangeException.ThrowIfLessThan(seeds, 1);
        var report = new List<EvidenceCoverage>(cases.Count);
        foreach (var c in cases)
        {
            int one = 0, two = 0, three = 0;
            double sumDelta = 0, sumSquares = 0, sumError = 0, sumSimulated = 0, sumCalls = 0, sumSeconds = 0;
            for (int s = 0; s < seeds; s++)
            {
                ulong seed = firstSeed + (ulong)s;
                var clock = Stopwatch.StartNew();
                var result = NestedSampler.Run(c.Posterior, settings, RandomKey.FromSeed(seed), cancellationToken: cancellationToken);
                double seconds = clock.Elapsed.TotalSeconds;
                double delta = result.LogZ - c.ExactLogEvidence;
                double pull = Math.Abs(delta) / result.LogZError;
                if (pull <= 1) one++;
                if (pull <= 2) two++;
                if (pull <= 3) three++;
                sumDelta += delta;
                sumSquares += delta * delta;
                sumError += result.LogZError;
                sumSimulated += result.LogZErrorSimulated;
                sumCalls += result.LikelihoodCalls;
                sumSeconds += seconds;
                progress?.Report(string.Create(CultureInfo.InvariantCulture,
                    $"{c.Name} seed {seed}: ln Z = {result.LogZ:F4} ± {result.LogZError:F4} (exact {c.ExactLogEvidence:F4}, Δ/σ = {delta / result.LogZError:+0.00;-0.00}), {result.LikelihoodCalls} calls, {seconds:F2} s"));
            }
            report.Add(new EvidenceCoverage(
                c.Name, c.ExactLogEvidence, seeds, one, two, three, sumDelta / seeds, Math.Sqrt(sumSquares / seeds),
                sumError / seeds, sumSimulated / seeds, sumCalls / seeds, sumSeconds / seeds));
        }
        return report;
    }

    /// <summary>The report as a Markdown table.</summary>
    public static string ToMarkdown(IReadOnlyList<EvidenceCoverage> report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        text.AppendLine("| problem | exact ln Z | runs | within 1σ | within 2σ | within 3σ | mean Δ | rms Δ | mean σ | mean σ (sim.) | mean calls | mean wall s |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in report)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Name} | {r.ExactLogEvidence:F4} | {r.Runs} | {r.WithinOneSigma} ({100.0 * r.WithinOneSigma / r.Runs:F0} %) | {r.WithinTwoSigma} | {r.WithinThreeSigma} | {r.MeanDelta:+0.000;-0.000} | {r.RmsDelta:F3} | {r.MeanLogZError:F3} | {r.MeanLogZErrorSimulated:F3} | {r.MeanLikelihoodCalls:F0} | {r.MeanWallSeconds:F2} |"));
        }
        int runs = report.Sum(r => r.Runs);
        if (runs > 0)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| all | | {runs} | {report.Sum(r => r.WithinOneSigma)} ({100.0 * report.Sum(r => r.WithinOneSigma) / runs:F0} %) | {report.Sum(r => r.WithinTwoSigma)} | {report.Sum(r => r.WithinThreeSigma)} | | | | | | |"));
        }
        return text.ToString();
    }
}
