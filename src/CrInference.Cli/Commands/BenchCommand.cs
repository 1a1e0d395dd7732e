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

/// <summary>
/// <c>crinf bench ...</c>: speed and accuracy benchmarks (never timed unit tests). Each prints a
/// Markdown table with medians over repeated runs and, where a peer exists, the ratio.
/// </summary>
public static partial class BenchCommand
{
    public static Command Create()
    {
        var bench = new Command("bench", "Benchmarks: sampler overhead vs emcee, kappa_turb speed and convergence, likelihood cost, evidence coverage, bridge sampling, parallel efficiency, numerics, ellipsoid products, likelihood robustness over the prior");
        bench.Subcommands.Add(WithJson(CreateSampler()));
        bench.Subcommands.Add(WithJson(CreateKappa()));
        bench.Subcommands.Add(WithJson(LikelihoodBenchmarkCommand.Create()));
        bench.Subcommands.Add(WithJson(EvidenceBenchmarkCommand.Create()));
        bench.Subcommands.Add(WithJson(CreateNumerics()));
        bench.Subcommands.Add(WithJson(CreateBridge()));
        bench.Subcommands.Add(WithJson(CreateParallel()));
        bench.Subcommands.Add(WithJson(CreateEllipsoid()));
        bench.Subcommands.Add(RobustnessBenchmarkCommand.Create()); // writes its own JSON
        return bench;
    }

    /// <summary>Adds <c>--json PATH</c>: the report printed on stdout is also written as JSON (its Markdown tables as rows,
    /// with command line, time, cores and load; <see cref="BenchmarkReport"/>), so figures can be compared across commits.</summary>
    private static Command WithJson(Command command)
    {
        var json = new Option<FileInfo?>("--json") { Description = "Also write the report as JSON (tables as rows, with date, cores and load) to this file" };
        command.Options.Add(json);
        var inner = (SynchronousCommandLineAction)command.Action!;
        command.SetAction(parse =>
        {
            string? path = parse.GetValue(json)?.FullName;
            if (path is null) return inner.Invoke(parse);
            var original = Console.Out;
            var capture = new StringWriter(CultureInfo.InvariantCulture);
            Console.SetOut(new TeeWriter(original, capture));
            int code;
            try
            {
                code = inner.Invoke(parse);
            }
            finally
            {
                Console.SetOut(original);
            }
            if (code != 0) return code;
            string line = "crinf " + string.Join(' ', parse.Tokens.Select(t => t.Value));
            BenchmarkReport.Write(path, BenchmarkReport.ToJson(line, capture.ToString(), DateTime.UtcNow, Environment.ProcessorCount, BenchmarkReport.LoadAverages()));
            Console.Error.WriteLine($"wrote {path}");
            return 0;
        });
        return command;
    }

    private sealed class TeeWriter(TextWriter first, TextWriter second) : TextWriter
    {
        public override System.Text.Encoding Encoding => first.Encoding;
        public override void Write(char value) { first.Write(value); second.Write(value); }
        public override void Write(string? value) { first.Write(value); second.Write(value); }
        public override void WriteLine(string? value) { first.WriteLine(value); second.WriteLine(value); }
        public override void Flush() { first.Flush(); second.Flush(); }
    }

    private static Command CreateSampler()
    {
        var walkers = new Option<int>("--walkers") { DefaultValueFactory = _ => 32, Description = "Walkers" };
        var steps = new Option<int>("--steps") { DefaultValueFactory = _ => 20000, Description = "Steps per run" };
        var repeats = new Option<int>("--repeats") { DefaultValueFactory = _ => 5, Description = "Timed runs (median reported)" };
        var threads = new Option<int>("--threads") { DefaultValueFactory = _ => 1, Description = "Kernel threads" };
        var emcee = new Option<bool>("--emcee") { Description = "Also run emcee (scripts/bench/emcee_gaussian.py with /usr/bin/python3) on the same problem and report the ratio" };
        var command = new Command("sampler", "Overhead per walker-step of the ensemble sampler on a 10-D Gaussian (and emcee's, side by side)")
        {
            walkers, steps, repeats, threads, emcee,
        };
        command.SetAction(parse => CliApp.Guard(() =>
        {
            int n = parse.GetValue(repeats);
            if (n < 1) throw new UserInputException("--repeats must be >= 1");
            var settings = new SamplerBenchmarkSettings(parse.GetValue(walkers), parse.GetValue(steps), parse.GetValue(threads), Repeats: 1);
            var ours = new List<SamplerBenchmarkResult>();
            for (int i = 0; i < n; i++)
            {
                var r = SamplerBenchmark.RunAsync(settings).GetAwaiter().GetResult();
                ours.Add(r);
                Console.Error.WriteLine($"  crinf run {i + 1}/{n}: {r.OverheadSecondsPerWalkerStep * 1e9:F1} ns overhead per walker-step");
            }
            double oursOverhead = Median(ours.Select(r => r.OverheadSecondsPerWalkerStep));
            double oursTotal = Median(ours.Select(r => r.SecondsPerWalkerStep));
            Console.WriteLine($"## Ensemble sampler, {settings.Dimension}-D Gaussian, {settings.Walkers} walkers × {settings.Steps} steps, {settings.Threads} thread(s), median of {n}");
            Console.WriteLine();
            Console.WriteLine("| sampler | time per walker-step | overhead per walker-step (min … max) | log-density share |");
            Console.WriteLine("|---|---|---|---|");
            Console.WriteLine(Row("crinf", oursTotal, oursOverhead, ours.Min(r => r.OverheadSecondsPerWalkerStep), ours.Max(r => r.OverheadSecondsPerWalkerStep), Median(ours.Select(r => r.LogDensityShare))));
            if (parse.GetValue(emcee))
            {
                var peer = RunEmcee(settings, n);
                double peerOverhead = Median(peer.Select(p => p.Overhead));
                Console.WriteLine(Row("emcee", Median(peer.Select(p => p.Total)), peerOverhead, peer.Min(p => p.Overhead), peer.Max(p => p.Overhead), Median(peer.Select(p => p.Share))));
                Console.WriteLine();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"overhead ratio emcee / crinf (medians): {peerOverhead / oursOverhead:F1}x"));
            }
            return 0;
        }));
        return command;
    }

    private static Command CreateKappa()
    {
        var evaluations = new Option<int>("--evaluations") { DefaultValueFactory = _ => 60, Description = "Evaluations, each at a new random plasma point" };
        var convergence = new Option<bool>("--convergence") { Description = "Also run the convergence study (every resolution doubled, and the adaptive reference; a few minutes)" };
        var command = new Command("kappa", "Fast-mode kappa_turb on the 72-point AMS-02 proton grid at new plasma points, single thread, exact path and the models' interpolating provider (goal <= 0.3 ms median); --convergence for the accuracy table")
        {
            evaluations, convergence,
        };
        command.SetAction(parse => CliApp.Guard(() =>
        {
            int n = parse.GetValue(evaluations);
            if (n < 1) throw new UserInputException("--evaluations must be >= 1");
            var protons = new DatasetCatalog(RepositoryPaths.DataDirectory).Load("ams02-p-2015");
            var grid = protons.Points.Select(p => p.Centre).ToArray();
            Console.WriteLine($"## kappa_turb speed: {grid.Length}-point AMS-02 proton grid (bin geometric means), a new plasma point per evaluation (n in [0.05, 1] cm^-3, T in [5e3, 3e4] K, B in [2, 10] uG, M_A in [0.3, 1], L in [20, 200] pc), single thread");
            Console.WriteLine();
            Console.WriteLine(KappaBenchmarkResult.ToMarkdown(KappaBenchmark.RunBoth(grid, n)));
            if (parse.GetValue(convergence))
            {
                var study = KappaConvergence.Run();
                Console.WriteLine();
                Console.WriteLine("## kappa_turb convergence: every quadrature resolution doubled, and the adaptive reference solver");
                Console.WriteLine();
                Console.WriteLine(study.ToMarkdown());
                Console.WriteLine();
                Console.WriteLine("## kappa_turb interpolating provider vs the converged quadrature (every resolution doubled): random plasma points of the benchmark box, 133 rigidities from 0.08 GV to 2 TV");
                Console.WriteLine();
                Console.WriteLine(KappaConvergence.RunInterpolation().ToMarkdown());
            }
            return 0;
        }));
        return command;
    }

    private static string Row(string name, double total, double overhead, double min, double max, double share) =>
        string.Create(CultureInfo.InvariantCulture, $"| {name} | {Ns(total)} | {Ns(overhead)} ({Ns(min)} … {Ns(max)}) | {share:P1} |");

    private static string Ns(double seconds) => seconds >= 1e-6
        ? string.Create(CultureInfo.InvariantCulture, $"{seconds * 1e6:F2} µs")
        : string.Create(CultureInfo.InvariantCulture, $"{seconds * 1e9:F0} ns");

    private static List<(double Total, double Overhead, double Share)> RunEmcee(SamplerBenchmarkSettings settings, int repeats)
    {
        string script = Path.Combine(RepositoryPaths.Root, "scripts", "bench", "emcee_gaussian.py");
        const string python = "/usr/bin/python3";
        if (!File.Exists(python))
        {
            throw new UserInputException($"{python} not found: run scripts/bench/install-emcee.sh first");
        }
        var list = new List<(double, double, double)>();
        for (int i = 0; i < repeats; i++)
        {
            var psi = new ProcessStartInfo(python)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (string a in new[] { script, "--walkers", settings.Walkers.ToString(CultureInfo.InvariantCulture), "--steps",
                         settings.Steps.ToString(CultureInfo.InvariantCulture), "--dimension", settings.Dimension.ToString(CultureInfo.InvariantCulture), "--repeats", "1" })
            {
                psi.ArgumentList.Add(a);
            }
            using var process = Process.Start(psi)!;
            string stdout = process.StandardOutput.ReadToEnd();
            string stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new UserInputException($"emcee benchmark failed (run scripts/bench/install-emcee.sh?): {stderr.Trim().Split('\n').LastOrDefault()}");
            }
            using var json = JsonDocument.Parse(stdout.Trim().Split('\n')[^1]);
            var root = json.RootElement;
            double total = root.GetProperty("seconds_per_walker_step").GetDouble();
            double overhead = root.GetProperty("overhead_seconds_per_walker_step").GetDouble();
            double share = root.GetProperty("log_density_share").GetDouble();
            Console.Error.WriteLine($"  emcee run {i + 1}/{repeats}: {overhead * 1e9:F1} ns overhead per walker-step");
            list.Add((total, overhead, share));
        }
        return list;
    }

    /// <summary>Median of a sequence (mean of the two middle values for an even count).</summary>
    public static double Median(IEnumerable<double> values) => BenchmarkStatistics.Median(values);
}
