using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using CrInference.Config;
using CrInference.Config.PriorFiles;
using CrInference.Core;
using CrInference.Core.Random;
using CrInference.Data;
using CrInference.Runs;
using CrInference.Runs.Composition;
using CrInference.Runs.Fit;
using CrInference.Sampling.Comparison;
using CrInference.Sampling.Nested;
using CrInference.Sampling.Tempering;
using CrInference.Storage.Parquet;

namespace CrInference.Runs.Evidence;

/// <summary>
/// <c>crinf evidence</c>: computes the Bayesian evidence ln Z of the posterior a prior file describes by
/// nested sampling (<see cref="NestedSampler"/>, default) or parallel tempering
/// (<see cref="ParallelTempering"/>, <c>--method pt</c>), and writes the run folder —
/// <c>manifest.json</c>, <c>prior.yaml</c> (a copy of the prior file), <c>samples.parquet</c>,
/// <c>summary.json</c>/<c>summary.md</c> and, last, <c>evidence.json</c> (its presence marks a complete run).
/// </summary>
/// <remarks>
/// <para>Order of work, as the fit's (<see cref="FitRun"/>): parse the prior file, check the run folder (a
/// finished or interrupted run is never overwritten, nor a fit's folder), resolve the settings, build the
/// posterior, evaluate a few prior draws (fail early), and only then write.</para>
/// <para><b>Checkpoints.</b> The sampler's whole state goes to <c>checkpoint-nested.json</c> or
/// <c>checkpoint-pt.json</c> (<see cref="EvidenceCheckpoint"/>) after initialisation, then every
/// <see cref="EvidenceOptions.CheckpointSeconds"/> (10 s) or 1000 iterations (PT: 500 steps), whichever
/// comes first, and at the end. <c>--resume</c> checks the run's identity (<see cref="RunManifest.CreateEvidence"/>:
/// posterior, data, method and every result-changing setting) against the folder's manifest and the
/// checkpoint, and continues from the checkpoint: the samplers draw every random number from keys that
/// depend only on the state, so the finished <c>samples.parquet</c> is byte-identical and
/// <c>evidence.json</c> holds the same numbers (wall time and session count aside) as an uninterrupted run,
/// for any thread count. A kill -9 loses at most the work since the last checkpoint.</para>
/// <para>A stop request (Ctrl-C, SIGTERM: the <c>stop</c> token) ends the run between two batches (steps):
/// the latest state is written and the exit code is <see cref="InterruptedExitCode"/>.</para>
/// </remarks>
public static class EvidenceRun
{
    /// <summary>Exit code of a run stopped by the user before its end (resumable).</summary>
    public const int InterruptedExitCode = FitRun.InterruptedExitCode;

    /// <summary>Key of the prior-draw check: <c>root.Split(PriorCheckStream)</c> (the samplers use Split(0 … 3)).</summary>
    public const ulong PriorCheckStream = ulong.MaxValue - 1;

    /// <summary>The weighted posterior samples.</summary>
    public const string SamplesFileName = "samples.parquet";

    /// <summary>ln Z and the sampler's numbers; written last.</summary>
    public const string EvidenceFileName = "evidence.json";

    /// <summary>The copy of the prior file the run was made from.</summary>
    public const string PriorCopyFileName = Figures.RunFolder.PriorCopyFileName;

    /// <summary>Runs an evidence computation as <paramref name="options"/> say. Returns the exit code; user errors
    /// are thrown (<see cref="UserInputException"/>, <see cref="ConfigException"/>) for <c>CliApp.Guard</c>.</summary>
    public static async Task<int> ExecuteAsync(EvidenceOptions options, TextWriter output, CancellationToken stop = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        string root = RepositoryPaths.Root;
        if (!File.Exists(options.PriorFile))
        {
            throw new UserInputException($"{options.PriorFile}: prior file not found");
        }
        var parsed = CatalogPriorFileSchema.Parse(options.PriorFile);
        var method = options.Method ?? EvidenceMethod.Nested;
        string runDirectory = Path.GetFullPath(options.OutputDirectory ?? DefaultDirectory(options.PriorFile, method));
        var previous = options.Resume ? RunManifest.TryRead(runDirectory, RunManifest.EvidenceFormat) : null;
        if (options.Method is null && EvidenceMethods.Find((string?)previous?["method"]) is { } carried)
        {
            method = carried;
        }
        string shown = RunFiles.Display(runDirectory);
        string checkpointPath = Path.Combine(runDirectory, EvidenceCheckpoint.FileName(method));
        bool finished = File.Exists(Path.Combine(runDirectory, EvidenceFileName));
        bool partial = !finished && File.Exists(checkpointPath);
        if (!options.DryRun)
        {
            if (ChainRunFiles.HoldsRun(runDirectory))
            {
                throw new UserInputException($"{shown} holds a fit (chains.parquet, checkpoint.bin or parts/); nothing was overwritten: choose another folder with --out DIR");
            }
            var other = method == EvidenceMethod.Nested ? EvidenceMethod.Pt : EvidenceMethod.Nested;
            if (!finished && File.Exists(Path.Combine(runDirectory, EvidenceCheckpoint.FileName(other))))
            {
                throw new UserInputException($"{shown} holds an interrupted --method {other.Name()} run ({EvidenceCheckpoint.FileName(other)}); resume it with --method {other.Name()} --resume or choose another folder with --out DIR");
            }
            if (!options.Resume && finished)
            {
                throw new UserInputException($"{shown} already holds a finished evidence run ({EvidenceFileName}); nothing was overwritten: choose another folder with --out DIR");
            }
            if (!options.Resume && partial)
            {
                throw new UserInputException($"{shown} holds an interrupted evidence run ({EvidenceCheckpoint.FileName(method)}); continue it with --resume or choose another folder with --out DIR");
            }
            if (options.Resume && !finished && !partial)
            {
                throw new UserInputException($"{shown} holds no evidence run to resume (no {EvidenceCheckpoint.FileName(method)} or {EvidenceFileName}); start the run without --resume");
            }
        }
        int threads = options.Threads ?? FitDefaults.Threads;
        if (threads < 1) throw new UserInputException($"--threads must be >= 1 (got {threads})");
        var settings = EvidenceSettings.Resolve(parsed, options, method, previous, threads);

        var clock = Stopwatch.StartNew();
        var catalog = new DatasetCatalog(RepositoryPaths.DataDirectory);
        var build = PosteriorFactory.Create(parsed, catalog);
        var posterior = build.Posterior;
        var space = posterior.Space;
        var derivedNames = posterior.DerivedNames;
        var schema = EvidenceSamples.SchemaFor(space, derivedNames);
        var dataFiles = RunManifest.DataFiles(parsed, catalog, root);
        var manifest = RunManifest.CreateEvidence(settings.RecordedSpec, RunManifest.RecordedPath(options.PriorFile, root), build, dataFiles,
            method.Name(), settings.SamplerSection, settings.IdentitySettings, [.. schema.Names], settings.Overrides);
        var rootKey = RandomKey.FromSeed(settings.Seed);

        if (options.DryRun)
        {
            return DryRun(build, rootKey, settings, threads, runDirectory, finished, partial, output);
        }

        JsonObject? checkpointHeader = null;
        if (options.Resume)
        {
            string? change = previous is null ? "the run folder's manifest.json is missing or not an evidence manifest" : manifest.DescribeIdentityChange(previous);
            if (change is not null)
            {
                throw new UserInputException($"cannot resume {shown}: {change}; restore it, or start a new run with --out DIR");
            }
            if (finished)
            {
                if (File.Exists(checkpointPath)) File.Delete(checkpointPath);
                await output.WriteLineAsync($"{shown} is already complete ({EvidenceFileName}, {SamplesFileName}, summary.md); nothing to resume").ConfigureAwait(false);
                return 0;
            }
            checkpointHeader = RunFiles.TryReadJson(checkpointPath);
            string? problem = checkpointHeader is null ? "its checkpoint is not readable"
                : (string?)checkpointHeader["IdentityHash"] != manifest.IdentityHash ? "its checkpoint was written by a run with another configuration (prior file, data or settings)"
                : null;
            if (problem is not null) throw new UserInputException($"cannot resume {shown}: {problem}; start a new run with --out DIR");
        }
        else
        {
            FailEarly(build, rootKey);
        }
        if (stop.IsCancellationRequested)
        {
            await output.WriteLineAsync($"interrupted before sampling; {shown} is as it was").ConfigureAwait(false);
            return InterruptedExitCode;
        }

        Directory.CreateDirectory(runDirectory);
        AtomicFile.WriteAllText(Path.Combine(runDirectory, RunManifest.FileName), manifest.Text + "\n");
        Figures.RunFolder.KeepPriorCopy(options.PriorFile, runDirectory);

        string hint = $"./crinf evidence {options.PriorFile}{(method == EvidenceMethod.Pt ? " --method pt" : "")}{(options.OutputDirectory is null ? "" : $" --out {options.OutputDirectory}")} --resume";
        var context = new RunContext(options, output, stop, build, manifest, settings, rootKey, runDirectory, checkpointPath, clock, threads, hint);
        return method == EvidenceMethod.Nested
            ? await RunNestedAsync(context).ConfigureAwait(false)
            : await RunTemperingAsync(context).ConfigureAwait(false);
    }

    /// <summary><c>results/&lt;stem&gt;-evidence/</c> (nested) or <c>results/&lt;stem&gt;-pt/</c>.</summary>
    public static string DefaultDirectory(string priorFile, EvidenceMethod method) =>
        Path.Combine(RepositoryPaths.ResultsDirectory, Path.GetFileNameWithoutExtension(priorFile) + (method == EvidenceMethod.Nested ? "-evidence" : "-pt"));

    private sealed record RunContext(
        EvidenceOptions Options, TextWriter Output, CancellationToken Stop, PosteriorBuild Build, RunManifest Manifest,
        EvidenceSettings Settings, RandomKey RootKey, string RunDirectory, string CheckpointPath, Stopwatch Clock, int Threads, string Hint)
    {
        public string Shown => RunFiles.Display(RunDirectory);

        public EvidenceCheckpointer<TState> Checkpointer<TState>(EvidenceCheckpoint<TState>? previous, long defaultInterval)
            where TState : class =>
            new(CheckpointPath, Settings.Method, Manifest.IdentityHash, previous?.WallSeconds ?? 0, (previous?.Sessions ?? 0) + 1,
                previous?.Failures ?? new Dictionary<string, long>(StringComparer.Ordinal), Build.Transport?.Failures, Clock,
                Options.CheckpointSeconds, Options.CheckpointInterval ?? defaultInterval, Options.CheckpointWritten);
    }

    private static async Task<int> RunNestedAsync(RunContext run)
    {
        var previous = run.Options.Resume ? EvidenceCheckpoint.Read<NestedState>(run.CheckpointPath) : null;
        var checkpointer = run.Checkpointer(previous, EvidenceDefaults.CheckpointIterations);
        var settings = run.Settings.Nested!;
        var posterior = run.Build.Posterior;
        string title = Path.GetFileName(run.RunDirectory);
        var progress = new NestedProgress(run.Output, title, settings.DLogZ, checkpointer, run.Clock);
        await run.Output.WriteLineAsync(Invariant(
            $"evidence {run.Build.Spec.Model} (nested sampling): {posterior.Space.Dimension} free parameters, {settings.LiveCount} live points, dlogz {settings.DLogZ}, seed {run.Settings.Seed}, {run.Threads} thread(s){(previous is null ? "" : $", resuming at iteration {previous.State.Iteration}")} -> {run.Shown}")).ConfigureAwait(false);
        NestedResult result;
        try
        {
            result = previous is null
                ? NestedSampler.Run(posterior, settings, run.RootKey, progress, run.Stop)
                : NestedSampler.Resume(posterior, previous.State with { Settings = previous.State.Settings with { MaxThreads = run.Threads } }, progress, run.Stop);
        }
        catch (OperationCanceledException) when (run.Stop.IsCancellationRequested)
        {
            checkpointer.Flush();
            string where = checkpointer.Latest is { } s ? Invariant($"at iteration {s.Iteration} (ln Z so far {s.LogZ:0.###})") : "before the live points were drawn";
            await run.Output.WriteLineAsync($"interrupted {where}; {(checkpointer.Latest is null ? "nothing to resume" : $"checkpoint in {run.Shown}")}. Continue with: {run.Hint}").ConfigureAwait(false);
            return InterruptedExitCode;
        }
        catch (InvalidOperationException e) when (previous is not null && e.Message.StartsWith("checkpoint", StringComparison.Ordinal))
        {
            throw new UserInputException($"cannot resume {run.Shown}: {e.Message}");
        }
        double wall = checkpointer.WallSeconds;
        var samples = EvidenceSamples.FromNested(result, posterior.Space, posterior.DerivedNames.Count);
        var evidence = NestedEvidence(run, result);
        var lines = new List<string>
        {
            Invariant($"| Sampler | nested sampling, {settings.LiveCount} live points, dlogz {settings.DLogZ}, batches of {settings.BatchSize}, seed {run.Settings.Seed}; {result.Iterations} iterations, {result.BoundUpdates} bound updates, {(result.SliceFromIteration is { } it ? $"slice sampling from iteration {it}" : "rejection sampling throughout")}; stopped: {Status(result.Status)} |"),
            Invariant($"| Evidence | **ln Z = {result.LogZ:0.000} ± {result.LogZError:0.000}** (√(H/n); simulated {result.LogZErrorSimulated:0.000}); information H = {result.Information:0.00} nats{ExactText(run.Build, result.LogZ, result.LogZError)} |"),
        };
        return await FinishAsync(run, samples, evidence, lines, wall, result.LikelihoodCalls, checkpointer.Failures(), checkpointer,
            Invariant($"ln Z = {result.LogZ:0.000} ± {result.LogZError:0.000}, H = {result.Information:0.00} nats, {result.LikelihoodCalls} likelihood calls")).ConfigureAwait(false);
    }

    private static async Task<int> RunTemperingAsync(RunContext run)
    {
        var previous = run.Options.Resume ? EvidenceCheckpoint.Read<TemperingState>(run.CheckpointPath) : null;
        var checkpointer = run.Checkpointer(previous, EvidenceDefaults.CheckpointSteps);
        var settings = run.Settings.Tempering!;
        var posterior = run.Build.Posterior;
        string title = Path.GetFileName(run.RunDirectory);
        var progress = new TemperingProgress(run.Output, title, checkpointer, run.Clock);
        int d = posterior.Space.Dimension;
        await run.Output.WriteLineAsync(Invariant(
            $"evidence {run.Build.Spec.Model} (parallel tempering): {d} free parameters, {settings.Temperatures?.ToString(CultureInfo.InvariantCulture) ?? "auto"} temperatures x {settings.WalkersPerTemperature} walkers, {settings.BurnInSteps} burn-in + {settings.Steps} steps, seed {run.Settings.Seed}, {run.Threads} thread(s){(previous is null ? "" : $", resuming at step {previous.State.Step}")} -> {run.Shown}")).ConfigureAwait(false);
        TemperingResult result;
        try
        {
            result = previous is null
                ? ParallelTempering.Run(posterior, settings, run.RootKey, progress, run.Stop)
                : ParallelTempering.Resume(posterior, previous.State with { Settings = previous.State.Settings with { Threads = run.Threads } }, progress, run.Stop);
        }
        catch (OperationCanceledException) when (run.Stop.IsCancellationRequested)
        {
            checkpointer.Flush();
            string where = checkpointer.Latest is { } s ? Invariant($"at step {s.Step} of {s.Settings.BurnInSteps + s.Settings.Steps}") : "before the ensembles were drawn";
            await run.Output.WriteLineAsync($"interrupted {where}; {(checkpointer.Latest is null ? "nothing to resume" : $"checkpoint in {run.Shown}")}. Continue with: {run.Hint}").ConfigureAwait(false);
            return InterruptedExitCode;
        }
        catch (InvalidOperationException e) when (previous is not null && e.Message.StartsWith("checkpoint", StringComparison.Ordinal))
        {
            throw new UserInputException($"cannot resume {run.Shown}: {e.Message}");
        }
        catch (InvalidOperationException e) when (e.Message.StartsWith("parallel tempering:", StringComparison.Ordinal))
        {
            throw new UserInputException(e.Message);
        }
        double wall = checkpointer.WallSeconds;
        var samples = EvidenceSamples.FromTempering(result, posterior.Space);
        double information = InformationGain.FromEvidence(WeightedSamples.FromChain(result.ColdChain), result.LogZ);
        var evidence = TemperingEvidence(run, result, information);
        string swaps = string.Join(", ", result.SwapAcceptance.Select(a => a.ToString("0.00", CultureInfo.InvariantCulture)));
        var lines = new List<string>
        {
            Invariant($"| Sampler | parallel tempering, K = {result.Temperatures} temperatures (β_min = {RunSummaryText.Format(result.Betas[^1])}, ladder adapted in burn-in), {result.Walkers} walkers each, {result.BurnInSteps} burn-in + {result.Steps} production steps, seed {run.Settings.Seed}; swap acceptance (hot ← cold pairs) {swaps} |"),
            Invariant($"| Evidence | **ln Z = {result.LogZ:0.000} ± {result.LogZError:0.000}** (thermodynamic integration; statistical {result.LogZStatisticalError:0.000}, discretisation {result.LogZDiscretisationError:0.000}); stepping stones {result.LogZSteppingStone:0.000} ± {result.LogZSteppingStoneError:0.000}; information D_KL = {information:0.00} nats{ExactText(run.Build, result.LogZ, result.LogZError)} |"),
            Invariant($"| Error check | τ of the per-step TI estimate {RunSummaryText.Format(result.IntegratedTime)} steps, bootstrap blocks of {result.BlockLength} steps: errors {(result.ErrorsTrusted ? "trusted (blocks ≥ 2τ)" : "**not trusted** (blocks < 2τ: run longer with --steps)")} |"),
        };
        return await FinishAsync(run, samples, evidence, lines, wall, result.LikelihoodCalls, checkpointer.Failures(), checkpointer,
            Invariant($"ln Z = {result.LogZ:0.000} ± {result.LogZError:0.000} (TI), {result.LogZSteppingStone:0.000} ± {result.LogZSteppingStoneError:0.000} (SS), errors {(result.ErrorsTrusted ? "trusted" : "NOT trusted")}, {result.LikelihoodCalls} likelihood calls")).ConfigureAwait(false);
    }

    /// <summary>Writes samples.parquet, the summary and (last) evidence.json, then removes the checkpoint.</summary>
    private static async Task<int> FinishAsync<TState>(RunContext run, EvidenceSamples samples, JsonObject evidence, IReadOnlyList<string> lines,
        double wall, long calls, Dictionary<string, long> failures, EvidenceCheckpointer<TState> checkpointer, string headline)
        where TState : class
    {
        int sessions = checkpointer.Sessions;
        evidence["wall_seconds"] = RunJson.Number(wall);
        evidence["timing"] = new JsonObject
        {
            ["wall_seconds"] = RunJson.Number(wall),
            ["calls_per_second"] = RunJson.Number(wall > 0 ? calls / wall : double.NaN),
            ["threads"] = run.Threads,
            ["sessions"] = sessions,
        };
        string samplesPath = Path.Combine(run.RunDirectory, SamplesFileName);
        await samples.WriteAsync(samplesPath, run.Build.Posterior.DerivedNames, run.Manifest.Text).ConfigureAwait(false);
        var core = evidence.DeepClone().AsObject();
        core.Remove("timing");
        core.Remove("wall_seconds");
        var summary = EvidenceSummary.Compute(run.Build, run.Manifest, samples, run.Settings.Method, core, lines, wall, calls, failures, sessions, run.Threads);
        summary.Write(run.RunDirectory);
        AtomicFile.WriteAllText(Path.Combine(run.RunDirectory, EvidenceFileName), RunJson.Serialize(evidence) + "\n", durable: true);
        File.Delete(run.CheckpointPath);
        File.Delete(run.CheckpointPath + ".tmp");
        await run.Output.WriteLineAsync(
            $"wrote {RunFiles.Display(samplesPath)} ({samples.Count} rows), {EvidenceFileName}, summary.md, summary.json; {headline}, {RunSummaryText.Duration(TimeSpan.FromSeconds(wall))}").ConfigureAwait(false);
        await EvidencePlots.WriteAsync(run.RunDirectory, samplesPath, run.Build, run.Settings.Method, run.Output).ConfigureAwait(false);
        return 0;
    }

    private static JsonObject NestedEvidence(RunContext run, NestedResult result)
    {
        var evidence = new JsonObject
        {
            ["method"] = "nested",
            ["log_z"] = RunJson.Number(result.LogZ),
            ["log_z_err"] = RunJson.Number(result.LogZError),
            ["log_z_err_definition"] = "sqrt(H / n_live) (Skilling 2006)",
            ["log_z_err_simulated"] = RunJson.Number(result.LogZErrorSimulated),
            ["log_z_err_simulated_definition"] = "standard deviation of ln Z over re-integrations with every shrinkage factor redrawn (same dead points)",
            ["information_nats"] = RunJson.Number(result.Information),
            ["likelihood_calls"] = result.LikelihoodCalls,
            ["wall_seconds"] = 0,
            ["iterations"] = result.Iterations,
            ["dead_points"] = result.DeadPoints.Length,
            ["effective_sample_size"] = RunJson.Number(result.EffectiveSampleSize),
            ["status"] = Status(result.Status),
            ["bound_updates"] = result.BoundUpdates,
            ["slice_from_iteration"] = result.SliceFromIteration,
            ["seed"] = run.Settings.Seed,
            ["settings"] = run.Settings.IdentitySettings.DeepClone(),
        };
        AddContext(evidence, run, result.LogZ, result.LogZError);
        return evidence;
    }

    private static JsonObject TemperingEvidence(RunContext run, TemperingResult result, double information)
    {
        static JsonArray Numbers(IEnumerable<double> values) => new([.. values.Select(v => (JsonNode?)RunJson.Number(v))]);
        var evidence = new JsonObject
        {
            ["method"] = "pt",
            ["log_z"] = RunJson.Number(result.LogZ),
            ["log_z_err"] = RunJson.Number(result.LogZError),
            ["log_z_err_definition"] = "thermodynamic integration: block-bootstrap statistical error and discretisation error |I(ladder) - I(every other temperature)| in quadrature",
            ["log_z_err_statistical"] = RunJson.Number(result.LogZStatisticalError),
            ["log_z_err_discretisation"] = RunJson.Number(result.LogZDiscretisationError),
            ["log_z_trapezoid"] = RunJson.Number(result.LogZTrapezoid),
            ["log_z_stepping_stone"] = RunJson.Number(result.LogZSteppingStone),
            ["log_z_stepping_stone_err"] = RunJson.Number(result.LogZSteppingStoneError),
            ["information_nats"] = RunJson.Number(information),
            ["information_definition"] = "<ln L> over the beta = 1 chain - ln Z (TI)",
            ["likelihood_calls"] = result.LikelihoodCalls,
            ["wall_seconds"] = 0,
            ["iterations"] = result.BurnInSteps + result.Steps,
            ["iterations_definition"] = "steps of every tempered ensemble, burn-in included",
            ["temperatures"] = result.Temperatures,
            ["walkers_per_temperature"] = result.Walkers,
            ["burn_in_steps"] = result.BurnInSteps,
            ["steps"] = result.Steps,
            ["errors_trusted"] = result.ErrorsTrusted,
            ["integrated_time_steps"] = RunJson.Number(result.IntegratedTime),
            ["bootstrap_block_steps"] = result.BlockLength,
            ["ladder"] = new JsonObject
            {
                ["betas"] = Numbers(result.Betas),
                ["mean_log_likelihood"] = Numbers(result.MeanLogLikelihood),
                ["mean_log_likelihood_err"] = Numbers(result.MeanLogLikelihoodError),
                ["log_likelihood_variance"] = Numbers(result.LogLikelihoodVariance),
                ["swap_acceptance"] = Numbers(result.SwapAcceptance),
                ["move_acceptance"] = Numbers(result.MoveAcceptance),
            },
            ["prior_mean_log_likelihood"] = RunJson.Number(result.PriorMeanLogLikelihood),
            ["prior_finite_fraction"] = RunJson.Number(result.PriorFiniteFraction),
            ["prior_draws"] = result.PriorDraws,
            ["seed"] = run.Settings.Seed,
            ["settings"] = run.Settings.IdentitySettings.DeepClone(),
        };
        AddContext(evidence, run, result.LogZ, result.LogZError);
        return evidence;
    }

    private static void AddContext(JsonObject evidence, RunContext run, double logZ, double error)
    {
        if (run.Build.TestProblem?.ExactLogEvidence is { } exact)
        {
            evidence["exact_log_z"] = RunJson.Number(exact);
            evidence["pull"] = RunJson.Number((logZ - exact) / error);
        }
        evidence["model"] = run.Build.Spec.Model;
        evidence["datasets"] = new JsonArray([.. run.Build.Spec.Datasets.Select(id => (JsonNode?)id)]);
        evidence["prior_file"] = run.Manifest.Root["prior_file"]!["path"]!.DeepClone();
        evidence["identity_hash"] = run.Manifest.IdentityHash;
    }

    private static string ExactText(PosteriorBuild build, double logZ, double error) =>
        build.TestProblem?.ExactLogEvidence is { } exact
            ? Invariant($"; exact ln Z = {exact:0.0000} (Δ = {logZ - exact:+0.000;-0.000} = {(logZ - exact) / error:+0.0;-0.0} σ)")
            : "";

    private static string Status(NestedStatus status) => status switch
    {
        NestedStatus.Converged => "converged (remaining evidence below dlogz)",
        NestedStatus.MaxIterations => "iteration limit (ln Z may be biased low)",
        NestedStatus.MaxLikelihoodCalls => "likelihood-call limit (ln Z may be biased low)",
        _ => status.ToString(),
    };

    private static void FailEarly(PosteriorBuild build, RandomKey rootKey)
    {
        var check = PriorDrawCheck.Run(build.Posterior, build.Transport?.Failures, rootKey.Split(PriorCheckStream), FitDefaults.PriorDraws);
        if (check.Finite == 0)
        {
            throw new UserInputException($"all {check.Draws} prior draws give a log posterior of -inf; most common reason: {check.MostCommonFailure ?? "unknown"} (check the prior ranges, or run with --dry-run)");
        }
    }

    private static int DryRun(PosteriorBuild build, RandomKey rootKey, EvidenceSettings settings, int threads, string runDirectory,
        bool finished, bool partial, TextWriter output)
    {
        var spec = build.Spec;
        var space = build.Posterior.Space;
        output.WriteLine($"dry run of {spec.SourcePath}: model {spec.Model}, {space.Dimension} free parameters ({string.Join(", ", space.Names)})");
        foreach (var ds in build.Datasets)
        {
            output.WriteLine($"  dataset {ds.Id}: {ds.Count} of {ds.Source.Points.Length} points kept (cut: {ds.Cut})");
        }
        long? calls = null;
        if (settings.Nested is { } n)
        {
            output.WriteLine(Invariant($"  nested sampling: {n.LiveCount} live points, dlogz {n.DLogZ}, batches of {n.BatchSize}, seed {settings.Seed}, {threads} thread(s)"));
        }
        else
        {
            var t = settings.Tempering!;
            int k = t.Temperatures ?? TemperingSettings.DefaultTemperatures(space.Dimension);
            int w = t.WalkersPerTemperature ?? TemperingSettings.DefaultWalkers(space.Dimension);
            calls = (long)k * w * (t.BurnInSteps + t.Steps + 1) + t.PriorDraws;
            output.WriteLine(Invariant($"  parallel tempering: {k} temperatures x {w} walkers, {t.BurnInSteps} burn-in + {t.Steps} production steps, seed {settings.Seed}, {threads} thread(s): {calls} likelihood calls"));
        }
        string state = finished ? "holds a finished evidence run (a run would refuse without --out)" : partial ? "holds an interrupted evidence run (resume with --resume)" : "holds no evidence run";
        output.WriteLine($"  output folder {RunFiles.Display(runDirectory)} {state}");
        var check = PriorDrawCheck.Run(build.Posterior, build.Transport?.Failures, rootKey.Split(PriorCheckStream), FitDefaults.PriorDraws);
        double median = check.MedianMilliseconds;
        output.WriteLine(Invariant($"  {check.Draws} prior draws: {check.Finite} finite; per evaluation (prior + likelihood) median {median:G3} ms"));
        foreach (var (reason, count) in check.Failures) output.WriteLine($"    {count} x {reason}");
        if (calls is { } c)
        {
            output.WriteLine($"  estimated time at the median cost: {RunSummaryText.Duration(TimeSpan.FromSeconds(median * 1e-3 * c / Math.Min(threads, settings.Tempering!.Temperatures ?? threads)))} (calls x cost / threads)");
        }
        else
        {
            output.WriteLine($"  time per 100000 likelihood calls at the median cost: {RunSummaryText.Duration(TimeSpan.FromSeconds(median * 1e-3 * 1e5 / threads))} (nested sampling needs ~n_live x (H + a few) iterations and 5-50 calls per iteration)");
        }
        output.WriteLine("  nothing written");
        if (check.Finite == 0)
        {
            throw new UserInputException($"all {check.Draws} prior draws give a log posterior of -inf; most common reason: {check.MostCommonFailure ?? "unknown"}");
        }
        return 0;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>Progress of nested sampling: checkpoints and a plain line every ~10 s.</summary>
    private sealed class NestedProgress(TextWriter output, string title, double dlogz, EvidenceCheckpointer<NestedState> checkpointer, Stopwatch clock)
        : IProgress<NestedState>
    {
        private TimeSpan _printed = clock.Elapsed;
        private long? _firstCalls;
        private TimeSpan _firstAt;

        public void Report(NestedState value)
        {
            checkpointer.Offer(value, value.Dead.Count, force: value.IsFinished);
            if (_firstCalls is null)
            {
                _firstCalls = value.LikelihoodCalls;
                _firstAt = clock.Elapsed;
            }
            var now = clock.Elapsed;
            if (now - _printed < TimeSpan.FromSeconds(10) || value.IsFinished || value.Live.IsEmpty) return;
            _printed = now;
            double maxLogL = value.Live.Max(p => p.LogLikelihood);
            double remaining = double.IsNegativeInfinity(value.LogZ) ? double.PositiveInfinity : Math.Log(1 + Math.Exp(maxLogL + value.LogX - value.LogZ));
            double seconds = (now - _firstAt).TotalSeconds;
            double rate = seconds > 0 ? (value.LikelihoodCalls - _firstCalls.Value) / seconds : double.NaN;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{title}: iteration {value.Iteration}, ln Z {value.LogZ:0.###}, remaining {remaining:0.###} (stop below {dlogz}), ln X {value.LogX:0.##}, {value.LikelihoodCalls} calls ({rate:0}/s), {(value.SliceFromIteration is null ? "rejection" : "slice")} sampler"));
        }
    }

    /// <summary>Progress of parallel tempering: checkpoints and a plain line every ~10 s.</summary>
    private sealed class TemperingProgress(TextWriter output, string title, EvidenceCheckpointer<TemperingState> checkpointer, Stopwatch clock)
        : IProgress<TemperingState>
    {
        private TimeSpan _printed = clock.Elapsed;
        private long? _firstStep;
        private TimeSpan _firstAt;

        public void Report(TemperingState value)
        {
            checkpointer.Offer(value, value.Step, force: value.IsFinished);
            if (_firstStep is null)
            {
                _firstStep = value.Step;
                _firstAt = clock.Elapsed;
            }
            var now = clock.Elapsed;
            if (now - _printed < TimeSpan.FromSeconds(10) || value.IsFinished) return;
            _printed = now;
            long total = value.Settings.BurnInSteps + value.Settings.Steps;
            double perStep = value.Step > _firstStep ? (now - _firstAt).TotalSeconds / (value.Step - _firstStep.Value) : double.NaN;
            string eta = double.IsFinite(perStep) ? RunSummaryText.Duration(TimeSpan.FromSeconds(perStep * (total - value.Step))) : "-";
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{title}: step {value.Step}/{total} ({(value.Step < value.Settings.BurnInSteps ? "burn-in, ladder adapting" : "production")}), {value.LikelihoodCalls} calls, ETA {eta}"));
        }
    }
}
