using System.CommandLine;
using System.Globalization;
using System.Text;
using CrInference.Runs;
using CrInference.Posterior.TestProblems;
using CrInference.Sampling.Benchmarks;
using CrInference.Sampling.Nested;
using CrInference.Sampling.Tempering;

namespace CrInference.Cli.Commands;

/// <summary>
/// <c>crinf bench evidence [--seeds 20] [--pt-seeds 10] [--first-seed 1] [--live 500] [--problems a,b] [--threads N]</c>:
/// nested sampling on every reference problem of <c>priors/tests/</c> (exact ln Z) for <c>--seeds</c> seeds
/// (<see cref="NestedCoverageBenchmark"/>) — how often the exact value lies within 1, 2, 3 σ (calibrated errors:
/// 68/95/99.7 %) — and parallel tempering against nested sampling on the same problems for the first
/// <c>--pt-seeds</c> seeds (<see cref="TemperingBenchmark"/>, library default settings; those seeds' nested runs count
/// in the nested rows). Markdown with medians on stdout, one line per run on stderr. Too heavy for the test suite
/// (minutes); wall times are reported, never asserted.
/// </summary>
public static class EvidenceBenchmarkCommand
{
    public static Command Create()
    {
        var seeds = new Option<int>("--seeds") { DefaultValueFactory = _ => 20, Description = "Nested-sampling runs per problem (seeds first-seed, first-seed + 1, ...)" };
        var ptSeeds = new Option<int>("--pt-seeds") { DefaultValueFactory = _ => 10, Description = "Parallel-tempering runs per problem, the first seeds (0: none)" };
        var firstSeed = new Option<ulong>("--first-seed") { DefaultValueFactory = _ => 1, Description = "First seed" };
        var live = new Option<int>("--live") { DefaultValueFactory = _ => 500, Description = "Live points of nested sampling" };
        var problems = new Option<string?>("--problems") { Description = "Comma-separated substrings of problem names, e.g. gaussian,egg (default: all six reference problems)" };
        var threads = new Option<int>("--threads") { DefaultValueFactory = _ => Math.Max(1, Environment.ProcessorCount), Description = "Threads (results do not depend on it)" };
        var command = new Command("evidence", "Evidence coverage: nested sampling over many seeds on problems with exact ln Z, and parallel tempering against it")
        {
            seeds, ptSeeds, firstSeed, live, problems, threads,
        };
        command.SetAction(parse => CliApp.Guard(() =>
        {
            int n = parse.GetValue(seeds), pt = parse.GetValue(ptSeeds), threadCount = parse.GetValue(threads);
            ulong first = parse.GetValue(firstSeed);
            if (n < 1) throw new UserInputException("--seeds must be >= 1");
            if (pt < 0 || pt > n) throw new UserInputException($"--pt-seeds must lie in [0, --seeds = {n}]");
            if (threadCount < 1) throw new UserInputException("--threads must be >= 1");
            string filter = parse.GetValue(problems) ?? "";
            var names = filter.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var cases = TestProblemCatalog.ReferenceProblems()
                .Select(p => new EvidenceBenchmarkCase($"{p.Name} {p.Space.Dimension}-D", p, p.ExactLogEvidence!.Value))
                .Where(c => names.Length == 0 || names.Any(f => c.Name.Contains(f, StringComparison.OrdinalIgnoreCase)))
                .ToList();
            if (cases.Count == 0) throw new UserInputException($"--problems {filter}: matches none of the reference problems");
            var nested = new NestedSettings { LiveCount = parse.GetValue(live), MaxThreads = threadCount };
            try
            {
                nested.Validate(cases.Max(c => c.Posterior.Space.Dimension));
            }
            catch (ArgumentException e)
            {
                throw new UserInputException(e.Message);
            }
            var tempering = new TemperingSettings { Threads = threadCount };
            var progress = new LineProgress(Console.Error);
            var runs = new List<EvidenceMethodCoverage>();
            for (int s = 0; s < n; s++)
            {
                ulong seed = first + (ulong)s;
                if (s < pt)
                {
                    runs.AddRange(TemperingBenchmark.Run(cases, tempering, nested, seeds: 1, firstSeed: seed, progress: progress));
                    continue;
                }
                runs.AddRange(NestedCoverageBenchmark.Run(cases, nested, seeds: 1, firstSeed: seed, progress: progress)
                    .Select(c => new EvidenceMethodCoverage(c.Name, "nested", c.ExactLogEvidence, 1, c.WithinOneSigma, c.WithinTwoSigma, c.WithinThreeSigma,
                        c.MeanDelta, c.RmsDelta, c.MeanLogZError, c.MeanLikelihoodCalls, c.MeanWallSeconds)));
            }
            Console.Write(Report(runs, cases, n, pt, nested.LiveCount, threadCount));
            return 0;
        }));
        return command;
    }

    /// <summary>Per problem and method: counts within kσ and medians over the runs (each run one row of <paramref name="runs"/>).</summary>
    public static string Report(IReadOnlyList<EvidenceMethodCoverage> runs, IReadOnlyList<EvidenceBenchmarkCase> cases, int seeds, int ptSeeds, int live, int threads)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(cases);
        var text = new StringBuilder();
        void Line(string line = "") => text.Append(line).Append('\n');
        Line(Invariant($"## Evidence benchmark: nested sampling ({live} live points) over {seeds} seed(s), parallel tempering (library defaults) over {ptSeeds}, {threads} thread(s)"));
        Line();
        Line("Δ = ln Z − ln Z_exact; σ = the run's own error (nested: √(H/n); pt-ti: thermodynamic integration, bootstrap ⊕ discretisation; pt-ss: stepping stones, bootstrap). "
            + "Calibrated errors put 68.3 / 95.4 / 99.7 % of the runs within 1 / 2 / 3 σ (for 20 runs the 1σ count has a binomial spread of ±2).");
        Line();
        Line("| problem | method | exact ln Z | runs | within 1σ | within 2σ | within 3σ | median Δ | median \\|Δ\\|/σ | median σ | rms Δ | median calls | median wall s |");
        Line("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        string[] methods = ["nested", "pt-ti", "pt-ss"];
        foreach (var c in cases)
        {
            foreach (string method in methods)
            {
                var rows = runs.Where(r => r.Name == c.Name && r.Method == method).ToList();
                if (rows.Count == 0) continue;
                int one = rows.Sum(r => r.WithinOneSigma);
                Line(Invariant($"| {c.Name} | {method} | {c.ExactLogEvidence:F4} | {rows.Count} | {one} ({100.0 * one / rows.Count:F0} %) | {rows.Sum(r => r.WithinTwoSigma)} | {rows.Sum(r => r.WithinThreeSigma)} | {BenchCommand.Median(rows.Select(r => r.MeanDelta)):+0.000;-0.000} | {BenchCommand.Median(rows.Select(r => Math.Abs(r.MeanDelta) / r.MeanLogZError)):F2} | {BenchCommand.Median(rows.Select(r => r.MeanLogZError)):F3} | {Math.Sqrt(rows.Average(r => r.MeanDelta * r.MeanDelta)):F3} | {BenchCommand.Median(rows.Select(r => r.MeanLikelihoodCalls)):F0} | {BenchCommand.Median(rows.Select(r => r.MeanWallSeconds)):F2} |"));
            }
        }
        foreach (string method in methods)
        {
            var rows = runs.Where(r => r.Method == method).ToList();
            if (rows.Count == 0) continue;
            int one = rows.Sum(r => r.WithinOneSigma);
            Line(Invariant($"| **all** | {method} | | {rows.Count} | {one} ({100.0 * one / rows.Count:F0} %) | {rows.Sum(r => r.WithinTwoSigma)} | {rows.Sum(r => r.WithinThreeSigma)} | | {BenchCommand.Median(rows.Select(r => Math.Abs(r.MeanDelta) / r.MeanLogZError)):F2} | | | | |"));
        }
        return text.ToString();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>Writes each progress line at once, indented (System.Progress would post to the thread pool).</summary>
    private sealed class LineProgress(TextWriter output) : IProgress<string>
    {
        public void Report(string value) => output.WriteLine("  " + value);
    }
}
