using System.CommandLine;
using System.CommandLine.Invocation;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CrInference.Runs;
using CrInference.Data;
using CrInference.Physics.Benchmarks;
using CrInference.Runs.Composition;
using CrInference.Posterior.TestProblems;
using CrInference.Sampling.Benchmarks;

namespace CrInference.Cli.Commands;

/// <summary><c>crinf bench</c> commands of the samplers' numerics: chain-based evidence, parallel efficiency, hand-written vs
/// MathNet numerics, the nested-sampling ellipsoid test.</summary>
public static partial class BenchCommand
{
    private static Command CreateBridge()
    {
        var seeds = new Option<int>("--seeds") { DefaultValueFactory = _ => 5, Description = "Runs per problem (seeds first-seed, first-seed + 1, ...)" };
        var firstSeed = new Option<ulong>("--first-seed") { DefaultValueFactory = _ => 1, Description = "First seed" };
        var draws = new Option<int>("--draws") { DefaultValueFactory = _ => 4000, Description = "Proposal draws (extra likelihood calls)" };
        var steps = new Option<int>("--steps") { DefaultValueFactory = _ => 4000, Description = "Kept steps after burn-in" };
        var problems = new Option<string?>("--problems") { Description = "Comma-separated substrings of problem names (default: all)" };
        var command = new Command("bridge", "Chain-based evidence: bridge sampling after an ensemble run on every problem with exact ln Z (six reference problems and an edge-bound Gaussian)")
        {
            seeds, firstSeed, draws, steps, problems,
        };
        command.SetAction(parse => CliApp.Guard(() =>
        {
            int n = parse.GetValue(seeds);
            if (n < 1) throw new UserInputException("--seeds must be >= 1");
            var names = (parse.GetValue(problems) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var edge = TestProblemCatalog.Create("test/gaussian", TestProblemCatalog.Space(2, () => Core.Priors.UniformPrior.FromBounds(-10, 10)),
                new Dictionary<string, double> { ["mean"] = 10 });
            var cases = TestProblemCatalog.ReferenceProblems().Append(edge)
                .Select(p => new EvidenceBenchmarkCase(p == edge ? "test/gaussian 2-D, mode on the prior edge" : $"{p.Name} {p.Space.Dimension}-D", p, p.ExactLogEvidence!.Value))
                .Where(c => names.Length == 0 || names.Any(f => c.Name.Contains(f, StringComparison.OrdinalIgnoreCase)))
                .ToList();
            if (cases.Count == 0) throw new UserInputException("--problems matches none of the problems");
            var chain = new BridgeChainSettings(Steps: parse.GetValue(steps));
            var bridge = new Sampling.Bridge.BridgeSamplingSettings(ProposalDraws: parse.GetValue(draws));
            try
            {
                bridge.Validate();
            }
            catch (ArgumentException e)
            {
                throw new UserInputException(e.Message.Split('\n')[0]);
            }
            var progress = new Progress(Console.Error);
            var runs = BridgeSamplingBenchmark.Run(cases, chain, bridge, n, parse.GetValue(firstSeed), progress);
            Console.Write(BridgeSamplingBenchmark.Report(runs, chain, bridge));
            return 0;
        }));
        return command;
    }

    private static Command CreateParallel()
    {
        var prior = new Argument<FileInfo>("prior") { Description = "Prior file (default priors/two-phase.yaml)", Arity = ArgumentArity.ZeroOrOne };
        var steps = new Option<int>("--steps") { DefaultValueFactory = _ => 300, Description = "Ensemble steps per run" };
        var batches = new Option<int>("--batches") { DefaultValueFactory = _ => 0, Description = "Also time nested sampling (500 live points) for this many batches of 16 replacements from the initial live points (0: skip)" };
        var repeats = new Option<int>("--repeats") { DefaultValueFactory = _ => 1, Description = "Timed pairs (1 thread, then 2 threads), median reported" };
        var command = new Command("parallel", "Parallel efficiency on 2 threads: the fit's ensemble sampler (moves, walkers, ref-ball start of the prior file) and optionally nested sampling, each run on 1 and 2 threads with identical results checked")
        {
            prior, steps, batches, repeats,
        };
        command.SetAction(parse => CliApp.Guard(() =>
        {
            string path = parse.GetValue(prior)?.FullName ?? Path.Combine(RepositoryPaths.Root, "priors", "two-phase.yaml");
            int n = parse.GetValue(repeats), stepCount = parse.GetValue(steps), batchCount = parse.GetValue(batches);
            if (n < 1 || stepCount < 1 || batchCount < 0) throw new UserInputException("--repeats and --steps must be >= 1, --batches >= 0");
            var spec = CatalogPriorFileSchema.Parse(path);
            var posterior = PosteriorFactory.Create(spec, new DatasetCatalog(RepositoryPaths.DataDirectory)).Posterior;
            var key = Core.Random.RandomKey.FromSeed(spec.Sampler.Seed ?? 1);
            int walkers = spec.Sampler.Walkers ?? 32;
            var start = Sampling.Ensemble.InitialEnsemble.Draw(key.Split(0), posterior, walkers, Runs.Fit.FitSettings.StartsOf(spec));
            var move = Runs.Fit.FitSettings.BuildMove(spec.Sampler.Moves.Count > 0 ? spec.Sampler.Moves : new Dictionary<string, double> { ["stretch"] = 1 });
            void Log(string line) => Console.Error.WriteLine("  " + line);
            var results = new List<ParallelEfficiency> { ParallelEfficiencyBenchmark.Ensemble(posterior, start, move, stepCount, key.Split(1), n, Log) };
            if (batchCount > 0)
            {
                var initial = Sampling.Nested.NestedSampler.Initialize(posterior, new Sampling.Nested.NestedSettings { MaxThreads = 2 }, key.Split(2));
                results.Add(ParallelEfficiencyBenchmark.Nested(posterior, initial, batchCount, n, Log));
            }
            Console.WriteLine($"## Parallel efficiency: {Path.GetFileName(path)}, 1 vs 2 threads, median of {n} pair(s); efficiency = T1 / (2 T2)");
            Console.WriteLine();
            Console.Write(ParallelEfficiencyBenchmark.ToMarkdown(results));
            return 0;
        }));
        return command;
    }

    private sealed class Progress(TextWriter output) : IProgress<string>
    {
        public void Report(string value) => output.WriteLine("  " + value);
    }

    private static Command CreateNumerics()
    {
        var repeats = new Option<int>("--repeats") { DefaultValueFactory = _ => 5, Description = "Timed repeats (median reported)" };
        var command = new Command("numerics", "Hand-written numerics kept in FastModes vs MathNet.Numerics on the same work (Bessel J1', adaptive Gauss-Kronrod)") { repeats };
        command.SetAction(parse => CliApp.Guard(() =>
        {
            int n = parse.GetValue(repeats);
            if (n < 1) throw new UserInputException("--repeats must be >= 1");
            Console.WriteLine("## Hand-written numerics vs MathNet.Numerics 5 (single thread, median of repeats)");
            Console.WriteLine();
            Console.Write(NumericsBenchmark.ToMarkdown(NumericsBenchmark.Run(n)));
            return 0;
        }));
        return command;
    }

    private static Command CreateEllipsoid()
    {
        var repeats = new Option<int>("--repeats") { DefaultValueFactory = _ => 5, Description = "Timed runs (median reported)" };
        var command = new Command("ellipsoid", "Per-point cost of nested sampling's ellipsoid test: hand-written loop vs MathNet's Cholesky solve") { repeats };
        command.SetAction(parse => CliApp.Guard(() =>
        {
            int n = parse.GetValue(repeats);
            if (n < 1) throw new UserInputException("--repeats must be >= 1");
            Console.WriteLine($"## Ellipsoid test (u - c)^T A^-1 (u - c) per point, median of {n} runs of 2e6 points");
            Console.WriteLine();
            Console.WriteLine("| D | hand-written | MathNet Cholesky.Solve | ratio |");
            Console.WriteLine("|---:|---:|---:|---:|");
            foreach (var r in EllipsoidBenchmark.Run([3, 7, 12], repeats: n))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {r.Dimension} | {r.HandWrittenNs:F1} ns | {r.MathNetNs:F1} ns | {r.MathNetNs / r.HandWrittenNs:F1} |"));
            }
            return 0;
        }));
        return command;
    }
}
