using System.CommandLine;
using System.Globalization;
using CrInference.Data;
using CrInference.Physics.Network;
using CrInference.Runs;
using CrInference.Runs.Composition;

namespace CrInference.Cli.Commands;

/// <summary>
/// <c>crinf bench likelihood [PRIOR] [--calls N] [--baseline-option physics=kq22 …]</c>: the cost of one log-likelihood call (model
/// plus every dataset) on one core, at points drawn from the prior file's <c>ref</c> balls, with the memory allocated per
/// call and the share of wall time in GC pauses. With <c>--baseline-option</c> every point is also evaluated with the
/// same file and likelihood but model options changed (e.g. <c>physics=kq22</c>: KQ22's single-parent boron, no
/// destruction, the paper's proton sink), the two calls alternating, so the paired difference is what the boron network
/// and the losses cost at the same plasma points — independent of where κ_turb happens to be evaluated and of the
/// machine's load drifting between two separate runs. The measurement is <see cref="LikelihoodCost"/>'s; this prints it.
/// </summary>
public static class LikelihoodBenchmarkCommand
{
    public static Command Create()
    {
        var prior = new Argument<FileInfo>("prior") { Description = "Prior file (default priors/two-phase.yaml)", Arity = ArgumentArity.ZeroOrOne };
        var calls = new Option<int>("--calls") { DefaultValueFactory = _ => 200, Description = "Timed calls, each at a new point" };
        var baseline = new Option<string[]>("--baseline-option")
        {
            Description = $"Also time each point with these model options changed, key=value (repeatable; {NetworkSettings.PhysicsOption}=kq22 is the paper's preset), alternating, and report the paired difference",
        };
        var command = new Command("likelihood", "Cost of one log-likelihood call (model + all datasets) on one core, at points drawn from the prior's ref balls (goal <= 1 ms for two-phase)")
        {
            prior, calls, baseline,
        };
        command.SetAction(parse => CliApp.Guard(() =>
        {
            string path = parse.GetValue(prior)?.FullName ?? Path.Combine(RepositoryPaths.Root, "priors", "two-phase.yaml");
            int n = parse.GetValue(calls);
            if (n < 5) throw new UserInputException("--calls must be >= 5");
            var spec = CatalogPriorFileSchema.Parse(path);
            var catalog = new DatasetCatalog(RepositoryPaths.DataDirectory);
            var build = PosteriorFactory.Create(spec, catalog);
            var changes = KeyValueArguments.ParseStrings(parse.GetValue(baseline), "--baseline-option");
            string? label = changes.Count == 0 ? null : string.Join(", ", changes.Select(kv => $"{kv.Key}={kv.Value}"));
            var other = label is null ? null : PosteriorFactory.Create(LikelihoodCost.WithModelOptions(spec, changes, "--baseline-option"), catalog).Posterior;
            var timed = LikelihoodCost.Measure(spec, build.Posterior, other, n);

            int points = build.Datasets.Sum(d => d.Count);
            Console.WriteLine($"## log-likelihood cost: {Path.GetFileName(path)} ({spec.Model}, {points} data points in {build.Datasets.Count} datasets), {n} calls at new points, single thread");
            Console.WriteLine();
            Console.WriteLine("| physics | median ms | min ms | p10 ms | p90 ms | max ms | failed calls | allocated KB per call | GC pause share |");
            Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
            Console.WriteLine(Row("as in the file", timed.Main, timed.GcPauseShare));
            if (timed.Baseline is { } b)
            {
                Console.WriteLine(Row(label!, b, timed.GcPauseShare));
                var difference = timed.Main.TimesMs.Zip(b.TimesMs, (x, y) => x - y).Order().ToArray(); // pairs in call order
                Console.WriteLine();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Paired difference (as in the file − {label}, same points): median {BenchCommand.Median(difference):F3} ms, p25 {difference[difference.Length / 4]:F3} ms, p75 {difference[difference.Length * 3 / 4]:F3} ms; difference of medians {BenchCommand.Median(timed.Main.TimesMs) - BenchCommand.Median(b.TimesMs):F3} ms; allocated {(timed.Main.AllocatedBytes - b.AllocatedBytes) / 1024.0 / n:F1} KB per call more."));
            }
            return 0;
        }));
        return command;
    }

    private static string Row(string physics, LikelihoodCostSeries s, double gcShare)
    {
        var t = s.TimesMs.Order().ToList();
        return string.Create(CultureInfo.InvariantCulture,
            $"| {physics} | {BenchCommand.Median(t):F3} | {t[0]:F3} | {t[t.Count / 10]:F3} | {t[t.Count * 9 / 10]:F3} | {t[^1]:F3} | {s.Failures} | {s.AllocatedBytes / 1024.0 / t.Count:F1} | {gcShare:P1} |");
    }
}
