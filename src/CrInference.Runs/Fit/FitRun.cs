using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CrInference.Config;
using CrInference.Config.PriorFiles;
using CrInference.Core;
using CrInference.Core.Priors;
using CrInference.Core.Random;
using CrInference.Data;
using CrInference.Runs;
using CrInference.Runs.Composition;
using CrInference.Sampling;
using CrInference.Sampling.Ensemble;
using CrInference.Storage.Parquet;

namespace CrInference.Runs.Fit;

/// <summary>
/// <c>crinf fit</c>: samples the posterior a prior file describes with the affine-invariant ensemble
/// sampler and writes the run folder — <c>manifest.json</c>, <c>chains.parquet</c> (built from
/// crash-safe per-block parts and a checkpoint, finalised atomically), <c>summary.json</c> and
/// <c>summary.md</c> — then runs the registered <see cref="PostRunReports"/>.
/// </summary>
/// <remarks>
/// <para>Order of work, so that a bad input writes nothing: parse the prior file (file:line:key errors),
/// check the run folder (a finished or interrupted run is never overwritten), resolve the sampler
/// settings, build the posterior (data loaded, cuts applied), evaluate a few prior draws (fail early,
/// quoting the most common failure), draw the initial ensemble; only then create the folder's files.</para>
/// <para>Resuming (<c>--resume</c>) compares the run's identity (<see cref="RunManifest"/>: prior file
/// without <c>steps</c>, data hashes, block size, stop rule) with the folder's manifest and checkpoint and
/// refuses, naming what changed; it continues from the checkpoint's ensemble (sampled coordinates, bit
/// for bit) with the same root key, so the final <c>chains.parquet</c> is byte-identical to an
/// uninterrupted run's. Command-line sampler overrides of the original run (<c>--walkers</c>,
/// <c>--steps</c>, <c>--seed</c>, <c>--until-converged</c>) carry over unless given again.</para>
/// <para>A stop request (Ctrl-C, SIGTERM: the <c>stop</c> token) takes effect after the current block is
/// stored; the folder is then resumable and the exit code is <see cref="InterruptedExitCode"/>.</para>
/// </remarks>
public static class FitRun
{
    /// <summary>Exit code of a run stopped by the user before its end (resumable).</summary>
    public const int InterruptedExitCode = 130;

    /// <summary>Key of the initial ensemble: <c>root.Split(InitialEnsembleStream)</c>.</summary>
    public const ulong InitialEnsembleStream = ulong.MaxValue;

    /// <summary>Key of the prior-draw check: <c>root.Split(PriorCheckStream)</c>.</summary>
    public const ulong PriorCheckStream = ulong.MaxValue - 1;

    /// <summary>Runs a fit as <paramref name="options"/> say. Returns the exit code; user errors are
    /// thrown (<see cref="UserInputException"/>, <see cref="ConfigException"/>, …) for <c>CliApp.Guard</c>.</summary>
    public static async Task<int> ExecuteAsync(FitOptions options, TextWriter output, CancellationToken stop = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        string root = RepositoryPaths.Root;
        if (!File.Exists(options.PriorFile))
        {
            throw new UserInputException($"{options.PriorFile}: prior file not found");
        }
        var parsed = CatalogPriorFileSchema.Parse(options.PriorFile);
        string runDirectory = Path.GetFullPath(options.OutputDirectory
            ?? Path.Combine(RepositoryPaths.ResultsDirectory, Path.GetFileNameWithoutExtension(options.PriorFile)));
        string shown = RunFiles.Display(runDirectory);
        bool finished = File.Exists(ChainRunFiles.FinalPath(runDirectory));
        bool partial = !finished && ChainRunFiles.HoldsRun(runDirectory);
        if (!options.DryRun)
        {
            if (!options.Resume && finished)
            {
                throw new UserInputException($"{shown} already holds a finished run (chains.parquet); nothing was overwritten: choose another folder with --out DIR");
            }
            if (!options.Resume && partial)
            {
                throw new UserInputException($"{shown} holds an interrupted run (checkpoint.bin, parts/); continue it with --resume or choose another folder with --out DIR");
            }
            if (options.Resume && !finished && !partial)
            {
                throw new UserInputException($"{shown} holds no run to resume (no checkpoint.bin, parts/ or chains.parquet); start the run without --resume");
            }
        }
        var previous = options.Resume ? RunManifest.TryRead(runDirectory) : null;
        var (spec, settings, overrides) = ResolveSettings(parsed, options, previous);
        int threads = options.Threads ?? FitDefaults.Threads;
        if (threads < 1) throw new UserInputException($"--threads must be >= 1 (got {threads})");

        var clock = Stopwatch.StartNew();
        var catalog = new DatasetCatalog(RepositoryPaths.DataDirectory);
        var build = PosteriorFactory.Create(spec, catalog);
        var posterior = new CountingPosterior(build.Posterior);
        var space = posterior.Space;
        var move = BuildMove(spec.Sampler.Moves);
        var schema = ChainTableSink.SchemaFor(space, posterior.DerivedNames);
        var dataFiles = RunManifest.DataFiles(spec, catalog, root);
        var manifest = RunManifest.Create(spec, RunManifest.RecordedPath(options.PriorFile, root), build, dataFiles, settings, move.Name, [.. schema.Names], overrides);
        var rootKey = RandomKey.FromSeed(settings.Seed);

        if (options.DryRun)
        {
            return DryRun(build, posterior, rootKey, settings, threads, runDirectory, finished, partial, output);
        }

        ResumeCheckpoint? checkpoint = null;
        ChainTableWriter? writer = null;
        if (options.Resume)
        {
            string? change = previous is null ? null : manifest.DescribeIdentityChange(previous);
            if (change is not null)
            {
                throw new UserInputException($"cannot resume {shown}: {change}; restore it, or start a new run with --out DIR");
            }
            if (finished)
            {
                return await FinishedAsync(runDirectory, previous, build, manifest, settings, threads, output).ConfigureAwait(false);
            }
            var resume = await ChainTableWriter.ResumeAsync(runDirectory, schema).ConfigureAwait(false);
            writer = resume.Writer!;
            checkpoint = resume.Checkpoint;
            if (checkpoint is not null)
            {
                CheckCheckpoint(checkpoint, manifest, rootKey, settings, space, posterior.DerivedNames, shown);
            }
        }

        var tallies = checkpoint is null
            ? new RunTallies(0, 0, ImmutableSortedDictionary<string, long>.Empty.WithComparers(StringComparer.Ordinal), 0)
            : TalliesOf(checkpoint);
        EnsembleState start;
        if (checkpoint is not null)
        {
            start = EnsembleState.Create(checkpoint.Walkers, checkpoint.Dimension, checkpoint.DerivedNames.Length,
                checkpoint.Positions.AsSpan(), checkpoint.LogPosteriors.AsSpan(), checkpoint.Derived.AsSpan(), checkpoint.NextStep);
        }
        else
        {
            if (!options.Resume) FailEarly(build, posterior, rootKey);
            start = DrawInitialEnsemble(build, posterior, rootKey, settings.Walkers, threads);
        }
        if (stop.IsCancellationRequested)
        {
            await output.WriteLineAsync($"interrupted before sampling; {shown} is as it was").ConfigureAwait(false);
            return InterruptedExitCode;
        }

        writer ??= ChainTableWriter.Create(runDirectory, schema);
        AtomicFile.WriteAllText(Path.Combine(runDirectory, RunManifest.FileName), manifest.Text + "\n");
        Figures.RunFolder.KeepPriorCopy(options.PriorFile, runDirectory);

        var failureBase = tallies.Failures;
        (ImmutableSortedDictionary<string, long>, ImmutableSortedDictionary<string, double>) Tallies()
        {
            var now = CurrentTallies(tallies, failureBase, build, posterior, clock.Elapsed.TotalSeconds);
            return (Counters(now), Scalars(now));
        }

        long remaining = Math.Max(0, settings.Steps - start.Step);
        ReadOnlyMemory<double> history = default;
        bool convergedAlready = false;
        if (settings.UntilConverged is { } rule && start.Step > 0)
        {
            var rows = await ReadHistoryAsync(runDirectory, writer.BlockCount, space, settings.Walkers).ConfigureAwait(false);
            history = rows;
            convergedAlready = ConvergedAt(rows, start.Step, settings.Walkers, space.Dimension, rule);
        }

        var stopReason = EnsembleStopReason.Completed;
        if (remaining > 0 && !convergedAlready)
        {
            using var sink = new ChainTableSink(writer, space, posterior.DerivedNames, rootKey, manifest.IdentityHash, settings.Thin, Tallies)
            {
                BlockStored = options.BlockStored,
            };
            using var registration = stop.Register(sink.RequestStop);
            var sampler = new EnsembleSampler(posterior, move, new EnsembleSamplerOptions
            {
                Threads = threads,
                BlockSteps = settings.BlockSteps,
                ProgressIntervalSteps = 10,
                TauIntervalSteps = settings.UntilConverged is null ? TauInterval(remaining, settings.Walkers, space.Dimension, settings.BlockSteps) : 0,
                StopWhenConverged = settings.UntilConverged,
                RelocateLagging = settings.RelocateLaggingUntilStep > 0 ? new LaggingWalkerRelocation(settings.RelocateLaggingUntilStep) : null,
            });
            var progress = options.Display ?? new PlainSamplingDisplay(output);
            string title = Path.GetFileName(runDirectory);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"fit {spec.Model}: {space.Dimension} free parameters, {settings.Walkers} walkers, steps {start.Step}..{settings.Steps}{(settings.UntilConverged is null ? "" : " (at most; until converged)")}, {threads} thread(s) -> {shown}")).ConfigureAwait(false);
            var result = await progress.RunAsync(title, start.Step, settings.Steps,
                () => sampler.RunAsync(rootKey, start, remaining, sink, progress.Report, history, sink.SamplerToken)).ConfigureAwait(false);
            stopReason = result.StopReason;
            if (result.WalkersRelocated > 0)
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"burn-in: moved {result.WalkersRelocated} walker(s) stranded far below the bulk onto other walkers (before step {settings.RelocateLaggingUntilStep})")).ConfigureAwait(false);
            }
            tallies = CurrentTallies(tallies, failureBase, build, posterior, clock.Elapsed.TotalSeconds);
            if (result.StopReason == EnsembleStopReason.Cancelled)
            {
                string hint = $"./crinf fit {options.PriorFile}{(options.OutputDirectory is null ? "" : $" --out {options.OutputDirectory}")} --resume";
                await output.WriteLineAsync($"interrupted at step {result.FinalState.Step} of {settings.Steps}; {writer.BlockCount} block(s) stored in {shown}. Continue with: {hint}").ConfigureAwait(false);
                return InterruptedExitCode;
            }
        }
        else
        {
            tallies = tallies with { Sessions = tallies.Sessions + 1 };
            if (convergedAlready) stopReason = EnsembleStopReason.Converged;
        }

        string chains = await writer.FinaliseAsync(new Dictionary<string, string> { [ChainColumnNames.ManifestMetadataKey] = manifest.Text }).ConfigureAwait(false);
        var summary = await FitSummary.ComputeAsync(chains, build, manifest, settings, tallies, threads, StopText(stopReason)).ConfigureAwait(false);
        summary.Write(runDirectory);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"wrote {RunFiles.Display(chains)} ({summary.StoredSteps} steps x {settings.Walkers} walkers), summary.md, summary.json; ESS min {summary.MinimumEffectiveSampleSize:0}, acceptance {summary.Chain.Acceptance.Overall:0.00}, {RunSummaryText.Duration(TimeSpan.FromSeconds(tallies.WallSeconds))}")).ConfigureAwait(false);
        await PostRunReports.RunAllAsync(new FitRunOutcome(runDirectory, chains, build, manifest, summary), output, CancellationToken.None).ConfigureAwait(false);
        return 0;
    }

    /// <summary>The prior file with every sampler setting resolved: command line, then (resuming) the
    /// original run's command-line overrides, then the prior file, then <see cref="FitDefaults"/>.</summary>
    private static (PriorFileSpec Spec, FitSamplerSettings Settings, JsonObject Overrides) ResolveSettings(PriorFileSpec spec, FitOptions options, JsonObject? previous)
    {
        var inherited = previous?["command_line_overrides"] as JsonObject;
        int dimension = spec.FreeParams.Count();
        var overrides = new JsonObject();
        int walkers = SettingPick.Pick(options.Walkers, inherited, "walkers", v => (int)v, v => v, spec.Sampler.Walkers, FitDefaults.Walkers(dimension), overrides);
        long steps = SettingPick.Pick(options.Steps, inherited, "steps", v => (long)v, v => v, spec.Sampler.Steps, FitDefaults.Steps, overrides);
        ulong seed = SettingPick.Pick(options.Seed, inherited, "seed", v => (ulong)v, v => v, spec.Sampler.Seed, FitDefaults.Seed, overrides);
        bool untilConverged = options.UntilConverged || (inherited?["until_converged"] is JsonValue u && (bool)u);
        if (untilConverged) overrides["until_converged"] = true;
        int thin = spec.Sampler.Thin ?? 1;
        var moves = spec.Sampler.Moves.IsEmpty ? FitDefaults.Moves : spec.Sampler.Moves;

        int minimum = Math.Max(RedBlueKernel.MinimumWalkers, 2 * dimension);
        if (walkers < minimum)
        {
            string problem = $"{walkers} walkers are too few for {dimension} free parameters (the ensemble needs at least {minimum})";
            throw options.Walkers is null && inherited?["walkers"] is null
                ? PriorFileLocation.Error(spec, "sampler.walkers", problem)
                : new UserInputException($"--walkers {walkers}: too few for {dimension} free parameters (the ensemble needs at least {minimum})");
        }
        if (steps < 1) throw new UserInputException($"--steps must be >= 1 (got {steps})");
        int blockSteps = options.BlockSteps;
        if (blockSteps < 1) throw new UserInputException($"block size must be >= 1 step (got {blockSteps})");
        if (thin > 1)
        {
            if (untilConverged)
            {
                throw PriorFileLocation.Error(spec, "sampler.thin", "--until-converged needs every step (thin = 1) to measure tau; remove thin");
            }
            if (steps % thin != 0)
            {
                throw PriorFileLocation.Error(spec, "sampler.thin", $"the steps ({steps}) must be a multiple of thin ({thin})");
            }
            blockSteps = (blockSteps + thin - 1) / thin * thin;
        }
        var rule = untilConverged ? new ConvergenceRule(CheckIntervalSteps: FitDefaults.ConvergenceCheckSteps) : null;
        // The relocation phase is fixed when the run starts, so extending a run with --steps on resume keeps it.
        long relocateUntil = previous?["sampler"]?["relocate_lagging_until_step"] is JsonValue kept
            ? (long)kept
            : (long)Math.Round((spec.Sampler.RelocateLagging ?? 0) * steps);
        var resolved = spec with { Sampler = new SamplerSpec(walkers, steps, seed, thin, moves) { RelocateLagging = spec.Sampler.RelocateLagging } };
        return (resolved, new FitSamplerSettings(walkers, steps, seed, thin, blockSteps, rule, relocateUntil), overrides);
    }

    /// <summary>One move, or the weighted mixture (in ordinal name order) of the prior file's moves.</summary>
    public static IEnsembleMove BuildMove(IReadOnlyDictionary<string, double> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var moves = weights.OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => (Move: kv.Key switch
            {
                "stretch" => (IEnsembleMove)new StretchMove(),
                "de" => new DifferentialEvolutionMove(),
                _ => throw new UserInputException($"unknown move '{kv.Key}' (one of: {string.Join(", ", MoveCatalog.Names)})"),
            }, Weight: kv.Value))
            .ToList();
        if (moves.Count == 0) throw new UserInputException("no move given");
        return moves.Count == 1 ? moves[0].Move : new WeightedMixtureMove(moves);
    }

    /// <summary>Where each parameter's walkers start: its <c>ref</c> ball in sampled coordinates (for a
    /// log-uniform prior ln x, with mean ln(mean) and sigma sigma/mean, the ball's relative width), else its prior.</summary>
    public static ParameterStart[] StartsOf(PriorFileSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return [.. spec.FreeParams.Select(p => p.Ref is not { } r
            ? ParameterStart.Prior
            : p.Prior is LogUniformPrior
                ? ParameterStart.GaussianBall(Math.Log(r.Mean), r.Sigma / r.Mean)
                : ParameterStart.GaussianBall(p.Prior.ToSampled(r.Mean), r.Sigma))];
    }

    private static void FailEarly(PosteriorBuild build, IPosterior posterior, RandomKey rootKey)
    {
        var check = PriorDrawCheck.Run(posterior, build.Transport?.Failures, rootKey.Split(PriorCheckStream), FitDefaults.PriorDraws);
        if (check.Finite == 0)
        {
            throw new UserInputException($"all {check.Draws} prior draws give a log posterior of -inf; most common reason: {check.MostCommonFailure ?? "unknown"} (check the prior ranges, or run with --dry-run)");
        }
    }

    private static EnsembleState DrawInitialEnsemble(PosteriorBuild build, IPosterior posterior, RandomKey rootKey, int walkers, int threads)
    {
        try
        {
            return InitialEnsemble.Draw(rootKey.Split(InitialEnsembleStream), posterior, walkers, StartsOf(build.Spec), InitialEnsemble.DefaultMaxDrawsPerWalker, threads);
        }
        catch (InvalidOperationException e)
        {
            string reason = FailureReasons.Group(build.Transport?.Failures.Snapshot() ?? []) is { Count: > 0 } f ? $" Most common failure: {f[0].Key} ({f[0].Value} times)." : "";
            throw new UserInputException(e.Message + reason);
        }
    }

    private static void CheckCheckpoint(ResumeCheckpoint checkpoint, RunManifest manifest, RandomKey rootKey, FitSamplerSettings settings,
        ParameterSpace space, IReadOnlyList<string> derivedNames, string shown)
    {
        string? problem = checkpoint.ConfigHash != manifest.IdentityHash ? "its checkpoint was written by a run with another configuration (prior file, data or settings)"
            : checkpoint.Key != rootKey ? "its checkpoint has another random key (seed)"
            : checkpoint.Walkers != settings.Walkers || checkpoint.Dimension != space.Dimension ? $"its checkpoint holds {checkpoint.Walkers} walkers × {checkpoint.Dimension} parameters"
            : !checkpoint.DerivedNames.SequenceEqual(derivedNames, StringComparer.Ordinal) ? "its checkpoint has other derived values (datasets)"
            : checkpoint.NextStep > settings.Steps ? $"it is already at step {checkpoint.NextStep}, beyond --steps {settings.Steps}"
            : null;
        if (problem is not null)
        {
            throw new UserInputException($"cannot resume {shown}: {problem}; start a new run with --out DIR");
        }
    }

    private static async Task<int> FinishedAsync(string runDirectory, JsonObject? previous, PosteriorBuild build, RunManifest manifest,
        FitSamplerSettings settings, int threads, TextWriter output)
    {
        string shown = RunFiles.Display(runDirectory);
        long? before = (long?)previous?["sampler"]?["steps"];
        if (before is { } b && b != settings.Steps)
        {
            throw new UserInputException($"{shown} holds a finished run of {b} steps; a finished chains.parquet cannot be extended to {settings.Steps}: start a new run with --out DIR");
        }
        if (File.Exists(Path.Combine(runDirectory, "summary.json")))
        {
            await output.WriteLineAsync($"{shown} is already complete (chains.parquet, summary.md); nothing to resume").ConfigureAwait(false);
            return 0;
        }
        // Finalised but interrupted before the summary: write it (the tallies went with the checkpoint).
        string chains = ChainRunFiles.FinalPath(runDirectory);
        var tallies = new RunTallies(0, 0, ImmutableSortedDictionary<string, long>.Empty, 1);
        var summary = await FitSummary.ComputeAsync(chains, build, manifest, settings, tallies, threads, "completed (summary written on resume; timing lost)").ConfigureAwait(false);
        summary.Write(runDirectory);
        await output.WriteLineAsync($"{shown}: chains.parquet was complete; wrote summary.md and summary.json").ConfigureAwait(false);
        await PostRunReports.RunAllAsync(new FitRunOutcome(runDirectory, chains, build, manifest, summary), output, CancellationToken.None).ConfigureAwait(false);
        return 0;
    }

    private static int DryRun(PosteriorBuild build, CountingPosterior posterior, RandomKey rootKey, FitSamplerSettings settings, int threads,
        string runDirectory, bool finished, bool partial, TextWriter output)
    {
        var spec = build.Spec;
        var space = posterior.Space;
        output.WriteLine($"dry run of {spec.SourcePath}: model {spec.Model}, {space.Dimension} free parameters ({string.Join(", ", space.Names)})");
        foreach (var ds in build.Datasets)
        {
            output.WriteLine($"  dataset {ds.Id}: {ds.Count} of {ds.Source.Points.Length} points kept (cut: {ds.Cut})");
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  sampler: {settings.Walkers} walkers x {settings.Steps} steps{(settings.UntilConverged is null ? "" : " (at most; until converged)")}, seed {settings.Seed}, moves {string.Join(" + ", spec.Sampler.Moves.Select(kv => $"{kv.Key} {kv.Value}"))}, {threads} thread(s)"));
        string state = finished ? "holds a finished run (a fit would refuse without --out)" : partial ? "holds an interrupted run (resume with --resume)" : "holds no run";
        output.WriteLine($"  output folder {RunFiles.Display(runDirectory)} {state}");
        var check = PriorDrawCheck.Run(posterior, build.Transport?.Failures, rootKey.Split(PriorCheckStream), FitDefaults.PriorDraws);
        double median = check.MedianMilliseconds;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {check.Draws} prior draws: {check.Finite} finite; per evaluation (prior + likelihood) median {Milliseconds(median)}, min {Milliseconds(check.Milliseconds.Min())}, max {Milliseconds(check.Milliseconds.Max())} (after one untimed warm-up call)"));
        foreach (var (reason, count) in check.Failures)
        {
            output.WriteLine($"    {count} x {reason}");
        }
        double estimate = median * 1e-3 * settings.Walkers * settings.Steps / threads;
        output.WriteLine($"  estimated sampling time at the median cost: {RunSummaryText.Duration(TimeSpan.FromSeconds(estimate))} (walkers x steps x cost / threads; prior draws cost more or less than posterior points)");
        output.WriteLine("  nothing written");
        if (check.Finite == 0)
        {
            throw new UserInputException($"all {check.Draws} prior draws give a log posterior of -inf; most common reason: {check.MostCommonFailure ?? "unknown"}");
        }
        return 0;
    }

    /// <summary>A duration in ms with three significant digits, in µs below 0.1 ms.</summary>
    private static string Milliseconds(double ms) =>
        ms < 0.1 ? string.Create(CultureInfo.InvariantCulture, $"{ms * 1e3:G3} µs") : string.Create(CultureInfo.InvariantCulture, $"{ms:G3} ms");

    private static RunTallies TalliesOf(ResumeCheckpoint checkpoint)
    {
        var failures = ImmutableSortedDictionary.CreateBuilder<string, long>(StringComparer.Ordinal);
        foreach (var (key, value) in checkpoint.Counters)
        {
            if (key.StartsWith(FailurePrefix, StringComparison.Ordinal)) failures[key[FailurePrefix.Length..]] = value;
        }
        return new RunTallies(
            checkpoint.Scalars.GetValueOrDefault("wall_seconds"),
            checkpoint.Counters.GetValueOrDefault("likelihood_calls"),
            failures.ToImmutable(),
            (int)checkpoint.Counters.GetValueOrDefault("sessions"));
    }

    private const string FailurePrefix = "failure: ";

    private static RunTallies CurrentTallies(RunTallies before, ImmutableSortedDictionary<string, long> failureBase, PosteriorBuild build, CountingPosterior posterior, double seconds)
    {
        var failures = failureBase.ToBuilder();
        failures.KeyComparer = StringComparer.Ordinal;
        foreach (var (reason, count) in FailureReasons.Group(build.Transport?.Failures.Snapshot() ?? []))
        {
            failures[reason] = failures.GetValueOrDefault(reason) + count;
        }
        return new RunTallies(before.WallSeconds + seconds, before.LikelihoodCalls + posterior.Calls, failures.ToImmutable(), before.Sessions + 1);
    }

    private static ImmutableSortedDictionary<string, long> Counters(RunTallies tallies)
    {
        var counters = ImmutableSortedDictionary.CreateBuilder<string, long>(StringComparer.Ordinal);
        counters["likelihood_calls"] = tallies.LikelihoodCalls;
        counters["sessions"] = tallies.Sessions;
        foreach (var (reason, count) in tallies.Failures) counters[FailurePrefix + reason] = count;
        return counters.ToImmutable();
    }

    private static ImmutableSortedDictionary<string, double> Scalars(RunTallies tallies) =>
        ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("wall_seconds", tallies.WallSeconds)]);

    /// <summary>Steps between τ estimates for progress reports: about ten per run, on block boundaries; none when
    /// the chain kept for them would exceed ~10⁷ values.</summary>
    private static int TauInterval(long steps, int walkers, int dimension, int blockSteps)
    {
        if (steps * walkers * (long)dimension > 10_000_000) return 0;
        long interval = Math.Max(blockSteps, (steps / 10 + blockSteps - 1) / blockSteps * blockSteps);
        return (int)Math.Min(interval, int.MaxValue);
    }

    /// <summary>The stored steps 0 … (blocks' end) in sampled coordinates, step-major, for the stop rule of a resumed run.</summary>
    private static async Task<double[]> ReadHistoryAsync(string runDirectory, int blocks, ParameterSpace space, int walkers)
    {
        var names = space.Names.ToArray();
        int d = names.Length;
        var rows = new List<double>();
        var physical = new double[d];
        var sampled = new double[d];
        for (int b = 0; b < blocks; b++)
        {
            var part = await ChainTableReader.ReadAsync(ChainRunFiles.PartPath(runDirectory, b), names).ConfigureAwait(false);
            var columns = names.Select(part.Values).ToArray();
            for (long r = 0; r < part.RowCount; r++)
            {
                for (int i = 0; i < d; i++) physical[i] = columns[i][r];
                space.ToSampled(physical, sampled);
                rows.AddRange(sampled);
            }
        }
        if (rows.Count % (walkers * d) != 0) throw new ChainTableException(runDirectory, "the stored parts are not whole steps of the ensemble");
        return [.. rows];
    }

    /// <summary>Whether the uninterrupted run would have stopped at <paramref name="step"/>: the sampler's own test
    /// (τ now against τ one check interval earlier) on the stored chain.</summary>
    private static bool ConvergedAt(double[] history, long step, int walkers, int dimension, ConvergenceRule rule)
    {
        if (step % rule.CheckIntervalSteps != 0 || step < 2L * rule.CheckIntervalSteps) return false;
        int row = walkers * dimension;
        var now = Sampling.Diagnostics.Autocorrelation.IntegratedTimes(history.AsSpan(0, (int)(step * row)), walkers, dimension);
        var before = Sampling.Diagnostics.Autocorrelation.IntegratedTimes(history.AsSpan(0, (int)((step - rule.CheckIntervalSteps) * row)), walkers, dimension);
        return rule.IsConverged(now.AsSpan(), before.AsSpan(), step);
    }

    private static string StopText(EnsembleStopReason reason) => reason switch
    {
        EnsembleStopReason.Converged => "converged (chain >= 50 tau, tau stable to 1 %)",
        EnsembleStopReason.Cancelled => "interrupted",
        _ => "all steps taken",
    };
}
