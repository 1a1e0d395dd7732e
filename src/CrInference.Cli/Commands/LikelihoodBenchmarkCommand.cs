using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using CrInference.Config.PriorFiles;
using CrInference.Core;
using CrInference.Data;
using CrInference.Physics.Models;
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
/// machine's load drifting between two separate runs.
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
            IPosterior? other = label is null ? null : PosteriorFactory.Create(WithOptions(spec, changes), catalog).Posterior;
            var timed = Time(spec, build.Posterior, other, n);

            int points = build.Datasets.Sum(d => d.Count);
            Console.WriteLine($"## log-likelihood cost: {Path.GetFileName(path)} ({spec.Model}, {points} data points in {build.Datasets.Count} datasets), {n} calls at new points, single thread");
            Console.WriteLine();
            Console.WriteLine("| physics | median ms | min ms | p10 ms | p90 ms | max ms | failed calls | allocated KB per call | GC pause share |");
            Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
            Console.WriteLine(Row("as in the file", timed.Main, timed.GcShare));
            if (timed.Baseline is { } b)
            {
                Console.WriteLine(Row(label!, b, timed.GcShare));
                var difference = timed.Main.Times.Zip(b.Times, (x, y) => x - y).Order().ToArray(); // pairs in call order
                Console.WriteLine();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Paired difference (as in the file − {label}, same points): median {BenchCommand.Median(difference):F3} ms, p25 {difference[difference.Length / 4]:F3} ms, p75 {difference[difference.Length * 3 / 4]:F3} ms; difference of medians {BenchCommand.Median(timed.Main.Times) - BenchCommand.Median(b.Times):F3} ms; allocated {(timed.Main.AllocatedBytes - b.AllocatedBytes) / 1024.0 / n:F1} KB per call more."));
            }
            return 0;
        }));
        return command;
    }

    /// <summary>The spec with <paramref name="changes"/> applied to its model options. A change of the preset
    /// <c>physics</c> first gives every option the preset decides its default under the new preset (the others, e.g.
    /// <c>kappa</c>, keep the file's values); the other changes then win. Checked like a prior file's options.</summary>
    private static PriorFileSpec WithOptions(PriorFileSpec spec, IReadOnlyDictionary<string, string> changes)
    {
        var model = ModelCatalog.Find(spec.Model) ?? throw new UserInputException($"--baseline-option needs a forward model (the file's model is '{spec.Model}')");
        var options = spec.Options.ToBuilder();
        if (changes.TryGetValue(NetworkSettings.PhysicsOption, out string? preset))
        {
            foreach (var o in model.Options)
            {
                bool presetDecides = o.DefaultUnder(NetworkSettings.PaperPhysicsValue) != o.DefaultUnder(NetworkSettings.FullPhysics);
                if (presetDecides) options[o.Name] = o.DefaultUnder(preset);
            }
        }
        foreach (var (name, value) in changes) options[name] = value;
        var (_, error) = model.Resolve(new Dictionary<string, double>(), options.ToImmutable());
        if (error is not null) throw new UserInputException($"--baseline-option: {error}");
        return spec with { Options = options.ToImmutable() };
    }

    private sealed record Series(List<double> Times, int Failures, long AllocatedBytes);

    /// <summary>Untimed warm-up calls last at least this long (and 20 calls): tiered compilation must have replaced the first,
    /// unoptimised code of every method on the path, as it has in any fit that runs for more than a few seconds. Without it
    /// a cheap likelihood measured in the first second of a process runs up to 4× slower.</summary>
    private const double WarmUpSeconds = 3.0;

    /// <summary>Times <paramref name="n"/> calls at points of the <c>ref</c> balls (seed 20221125; the points do not depend on
    /// the warm-up), after the warm-up. With a baseline each point is evaluated by both, the order alternating between
    /// points. Times are in call order.</summary>
    private static (Series Main, Series? Baseline, double GcShare) Time(PriorFileSpec spec, IPosterior posterior, IPosterior? baseline, int n)
    {
        var space = posterior.Space;
        var key = Core.Random.RandomKey.FromSeed(20221125);
        var derived = new double[posterior.DerivedNames.Count];
        var derivedBaseline = new double[baseline?.DerivedNames.Count ?? 0];
        var theta = new double[space.Dimension];
        void Draw(ulong index)
        {
            var stream = key.Split(index).Open();
            for (int i = 0; i < space.Dimension; i++)
            {
                var p = spec.Param(space.Parameters[i].Name);
                double x = p.Ref is { } r ? r.Mean + r.Sigma * stream.NextGaussian() : p.Prior.FromUnitInterval(stream.NextDouble());
                x = Math.Clamp(x, p.Prior.Lower, p.Prior.Upper);
                theta[i] = p.Prior.ToSampled(x);
            }
        }
        var warmClock = Stopwatch.StartNew();
        for (int call = 0; call < 20 || warmClock.Elapsed.TotalSeconds < WarmUpSeconds; call++)
        {
            Draw(ulong.MaxValue - (ulong)call);
            posterior.LogLikelihood(theta, derived);
            baseline?.LogLikelihood(theta, derivedBaseline);
        }
        var main = new Series([], 0, 0);
        var other = new Series([], 0, 0);
        var pause0 = GC.GetTotalPauseDuration();
        var wall = Stopwatch.StartNew();
        for (int call = 0; call < n; call++)
        {
            Draw((ulong)call);
            bool baselineFirst = (call & 1) == 1;
            if (baseline is not null && baselineFirst) other = Once(baseline, theta, derivedBaseline, other);
            main = Once(posterior, theta, derived, main);
            if (baseline is not null && !baselineFirst) other = Once(baseline, theta, derivedBaseline, other);
        }
        double gcShare = (GC.GetTotalPauseDuration() - pause0).TotalMilliseconds / wall.Elapsed.TotalMilliseconds;
        return (main, baseline is null ? null : other, gcShare);
    }

    private static Series Once(IPosterior posterior, double[] theta, double[] derived, Series series)
    {
        long bytes0 = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        double logL = posterior.LogLikelihood(theta, derived);
        double ms = clock.Elapsed.TotalMilliseconds;
        long bytes = GC.GetAllocatedBytesForCurrentThread() - bytes0;
        series.Times.Add(ms);
        return series with
        {
            Failures = series.Failures + (double.IsNegativeInfinity(logL) ? 1 : 0),
            AllocatedBytes = series.AllocatedBytes + bytes,
        };
    }

    private static string Row(string physics, Series s, double gcShare)
    {
        var t = s.Times.Order().ToList();
        return string.Create(CultureInfo.InvariantCulture,
            $"| {physics} | {BenchCommand.Median(t):F3} | {t[0]:F3} | {t[t.Count / 10]:F3} | {t[t.Count * 9 / 10]:F3} | {t[^1]:F3} | {s.Failures} | {s.AllocatedBytes / 1024.0 / t.Count:F1} | {gcShare:P1} |");
    }
}
