using System.Diagnostics;
using CrInference.Config;
using CrInference.Core.Random;
using CrInference.Runs.Composition;
using CrInference.Runs.Figures;
using CrInference.Runs.Manifests;
using CrInference.Sampling;
using CrInference.Storage.Parquet;

namespace CrInference.Runs.Lifecycle;

/// <summary>
/// The life of a run, the same for every <see cref="IRunKind"/>: parse the prior file, check the run folder,
/// resolve the settings, build the posterior and the manifest, then a dry run, or a resume (identity checked,
/// a finished run completed), or a start (a few prior draws evaluated first); only then is anything written:
/// <c>manifest.json</c>, <c>prior.yaml</c> (a copy of the prior file), and the kind's results.
/// </summary>
/// <remarks>
/// <para>Order of work, so that bad input writes nothing: every check that can fail on the user's input
/// (<c>file:line: key</c> errors, the folder's state, the settings, the data, the prior draws, a resume's
/// identity and checkpoint) comes before the first file is written. A finished run is never overwritten; an
/// interrupted one is only continued with <c>--resume</c>; a folder holding another kind's run is refused.</para>
/// <para><c>--resume</c> is safe to pass always (a requeued batch job): with nothing checkpointed yet the run starts
/// (<see cref="StartOnResume"/>), with a checkpoint it continues, and with other inputs it is refused.</para>
/// <para>Resuming compares the run's identity (<see cref="RunManifest.IdentityHash"/>: posterior, data and
/// every result-changing setting) with the folder's manifest and refuses, naming what changed; the kinds then
/// continue from their checkpoints so that the results are the bytes of an uninterrupted run.</para>
/// <para>A stop request (the <c>stop</c> token: Ctrl-C, SIGTERM) before sampling leaves the folder as it was;
/// during sampling the kind stops at its next checkpoint and returns <see cref="RunDefaults.InterruptedExitCode"/>.</para>
/// </remarks>
public static class RunLifecycle
{
    /// <summary>Runs <paramref name="options"/> as a run of <paramref name="kind"/>. Returns the exit code; user errors
    /// are thrown (<see cref="UserInputException"/>, <see cref="ConfigException"/>, …) for the front end.</summary>
    public static async Task<int> ExecuteAsync(IRunKind kind, RunOptions options, TextWriter output, CancellationToken stop = default)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        if (Directory.Exists(options.PriorFile)) throw new UserInputException($"{options.PriorFile}: is a folder, not a prior file");
        if (!File.Exists(options.PriorFile)) throw new UserInputException($"{options.PriorFile}: prior file not found");
        var parsed = CatalogPriorFileSchema.Parse(options.PriorFile);
        string runDirectory = Path.GetFullPath(options.OutputDirectory ?? kind.DefaultDirectory(options.PriorFile));
        OutputLocation.CheckFolder(runDirectory, options.OutputDirectory is null ? "run folder" : $"--out {options.OutputDirectory}");
        var state = kind.Layout.Inspect(runDirectory);
        if (!options.DryRun)
        {
            kind.Layout.CheckAllowed(state, options.Resume, runDirectory, RunKinds.All.Where(k => k != kind).Select(k => k.Layout));
        }
        var previous = options.Resume ? RunManifest.TryRead(runDirectory, kind.ManifestFormat) : null;
        int threads = options.Threads ?? RunDefaults.Threads;
        if (threads < 1) throw new UserInputException($"--threads must be >= 1 (got {threads})");
        var plan = kind.Plan(options, parsed, previous, threads);
        var run = Prepare(kind, plan, options, output, stop, runDirectory, state, previous, threads);
        if (options.DryRun) return DryRunReport.Write(run, plan);

        if (options.Resume && state != RunFolderState.Empty)
        {
            if (await ResumeAsync(run, plan).ConfigureAwait(false) is { } finished) return finished;
        }
        else
        {
            if (options.Resume) StartOnResume(run);
            FailEarly(run);
        }
        plan.PrepareStart(run);
        if (stop.IsCancellationRequested)
        {
            await output.WriteLineAsync($"interrupted before sampling; {run.Shown} is as it was").ConfigureAwait(false);
            return RunDefaults.InterruptedExitCode;
        }
        try
        {
            Directory.CreateDirectory(runDirectory);
            AtomicFile.DeleteAllTemporaryFiles(runDirectory);
            AtomicFile.WriteAllText(Path.Combine(runDirectory, RunManifest.FileName), run.Manifest.Text + "\n");
            RunFolder.KeepPriorCopy(options.PriorFile, runDirectory);
            return await plan.SampleAsync(run).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            // A full disk, a quota, a folder removed under the run: what was stored before (manifest, checkpoints,
            // parts) is intact, because every file is replaced atomically.
            throw new RunStorageException($"writing {run.Shown} failed: {e.Message}; what was stored before is intact: fix the cause (free space?) and continue with: {run.ResumeCommand}", e);
        }
    }

    /// <summary>Builds the posterior (data loaded, cuts applied) and the manifest of the run.</summary>
    private static RunContext Prepare(IRunKind kind, IRunPlan plan, RunOptions options, TextWriter output, CancellationToken stop,
        string runDirectory, RunFolderState state, System.Text.Json.Nodes.JsonObject? previous, int threads)
    {
        string root = RepositoryPaths.Root;
        var clock = Stopwatch.StartNew();
        var catalog = DataDirectoryOption.Catalog(options.DataDirectory);
        var spec = plan.RecordedSpec;
        var build = PosteriorFactory.Create(spec, catalog);
        var posterior = new CountingPosterior(build.Posterior);
        var inputs = new ManifestInputs(spec, RunManifest.RecordedPath(options.PriorFile, root), build,
            RunManifest.DataFiles(spec, catalog, root), plan.Columns(posterior), plan.Overrides)
        {
            DataDirectory = DataDirectoryOption.Recorded(options.DataDirectory),
        };
        return new RunContext
        {
            Kind = kind,
            Options = options,
            Output = output,
            Stop = stop,
            RunDirectory = runDirectory,
            FolderState = state,
            PreviousManifest = previous,
            Build = build,
            Posterior = posterior,
            Manifest = plan.Manifest(inputs),
            RootKey = RandomKey.FromSeed(plan.Seed),
            Clock = clock,
            Threads = threads,
        };
    }

    /// <summary>Checks a resume's identity; completes a finished run (returning its exit code) or loads the checkpoint (null).</summary>
    private static async Task<int?> ResumeAsync(RunContext run, IRunPlan plan)
    {
        string? change = run.PreviousManifest is null
            ? $"the run folder's manifest.json is missing or is not a {run.Kind.ManifestFormat} manifest"
            : run.Manifest.DescribeIdentityChange(run.PreviousManifest);
        if (change is not null)
        {
            throw new UserInputException($"cannot resume {run.Shown}: {change}; restore it, or start a new run with --out DIR");
        }
        if (run.FolderState == RunFolderState.Finished) return await plan.CompleteFinishedAsync(run).ConfigureAwait(false);
        try
        {
            await plan.PrepareResumeAsync(run).ConfigureAwait(false);
        }
        catch (ChainTableException e)
        {
            // A damaged checkpoint or part (checksums) is refused, never continued into another result.
            throw new UserInputException($"cannot resume {run.Shown}: {e.Message}; the run cannot continue from it: start a new run with --out DIR");
        }
        return null;
    }

    /// <summary>
    /// <c>--resume</c> where nothing was checkpointed yet (no folder, or only the <c>manifest.json</c> and
    /// <c>prior.yaml</c> of a run killed in its first seconds): the run starts, saying so on
    /// <see cref="RunOptions.Notices"/>, as UltraNest and Cobaya do; a manifest of other inputs is refused as any
    /// resume with changed inputs is, so a job script that always passes <c>--resume</c> is safe.
    /// </summary>
    private static void StartOnResume(RunContext run)
    {
        bool hasManifest = File.Exists(Path.Combine(run.RunDirectory, RunManifest.FileName));
        if (hasManifest)
        {
            string? change = run.PreviousManifest is null
                ? $"its manifest.json is not a {run.Kind.ManifestFormat} manifest of a {run.Kind.Name} run"
                : run.Manifest.DescribeIdentityChange(run.PreviousManifest);
            if (change is not null)
            {
                throw new UserInputException($"cannot resume {run.Shown}: {change}; restore it, or start a new run with --out DIR");
            }
        }
        (run.Options.Notices ?? Console.Error).WriteLine(hasManifest
            ? $"{run.Shown}: nothing was checkpointed yet (manifest.json only); starting the {run.Kind.Layout.Noun} from the beginning"
            : $"{run.Shown} holds no {run.Kind.Layout.Noun} yet; starting it (--resume continues a run only once it has stored something)");
    }

    /// <summary>Evaluates a few prior draws (UltraNest's and Cobaya's start-up check) and stops when every one fails.</summary>
    private static void FailEarly(RunContext run)
    {
        var check = PriorDrawCheck.Run(run.Posterior, run.Build.Transport?.Failures, run.RootKey.Split(RunDefaults.PriorCheckStream), RunDefaults.PriorDraws);
        if (check.Finite == 0)
        {
            throw new UserInputException($"all {check.Draws} prior draws give a log posterior of -inf; most common reason: {check.MostCommonFailure ?? "unknown"} (check the prior ranges, or run with --dry-run)");
        }
    }
}
