using System.Globalization;
using CrInference.Config.Pipelines;
using CrInference.Runs.Composition;
using CrInference.Runs.Lifecycle;

namespace CrInference.Runs.Pipelines;

/// <summary>
/// <c>crinf pipeline run</c> and <c>run-one</c>: runs a pipeline's runs as child processes (see
/// <see cref="RunExecutor"/>), up to <c>--jobs</c> at a time, then its report
/// (<see cref="PipelineReport"/>; partial, and exit code 1, when a run failed). Runs whose results are complete and whose inputs are unchanged are
/// skipped, interrupted ones resumed, changed ones restarted in a fresh folder; rerunning a finished
/// pipeline launches nothing and writes nothing.
/// </summary>
/// <remarks>
/// <para><b>Cores.</b> The core budget is <c>$SLURM_CPUS_PER_TASK</c> inside a Slurm job (Slurm without
/// cgroups does not restrict the affinity mask), else every core the process may use. With P runs in
/// flight (P = min(--jobs, runs to launch)) each gets max(1, cores / P) threads, passed as
/// <c>--threads</c>; a fit's chain does not depend on it. The split is fixed when a run starts: a run
/// does not gain threads when another finishes.</para>
/// <para><b>Stopping.</b> The first SIGINT/SIGTERM stops launching runs and asks running ones to stop
/// after their current block (they are resumed next time); the runner then exits with code 130.</para>
/// </remarks>
public static class PipelineRunner
{
    /// <summary>The loaded pipeline: its spec, the file as recorded and where its results go.</summary>
    public sealed record Loaded(PipelineSpec Spec, string RecordedFile, PipelinePaths Paths)
    {
        /// <summary>The inputs of every run.</summary>
        public IReadOnlyList<RunInputs> Inputs { get; } = [.. Spec.Runs.Select(r => RunInputs.Of(r, RepositoryPaths.DataDirectory))];
    }

    /// <summary>Parses <paramref name="pipelineFile"/> (errors: <see cref="Config.ConfigException"/>) and locates its results.</summary>
    public static Loaded Load(string pipelineFile, string? resultsOption)
    {
        ArgumentException.ThrowIfNullOrEmpty(pipelineFile);
        string root = RepositoryPaths.Root;
        var spec = PipelineFileParser.Parse(pipelineFile, root, CatalogPriorFileSchema.Instance);
        var paths = new PipelinePaths(PipelinePaths.ResolveResultsRoot(resultsOption), spec.Name);
        return new Loaded(spec, RecordedPath(pipelineFile, root), paths);
    }

    /// <summary>Cores a pipeline may use: <c>$SLURM_CPUS_PER_TASK</c>, else <see cref="Environment.ProcessorCount"/>.</summary>
    public static int AvailableCores =>
        int.TryParse(Environment.GetEnvironmentVariable("SLURM_CPUS_PER_TASK"), NumberStyles.None, CultureInfo.InvariantCulture, out int slurm) && slurm > 0
            ? slurm
            : Math.Max(1, Environment.ProcessorCount);

    /// <summary>Threads per run when <paramref name="parallel"/> runs share <paramref name="cores"/>: max(1, cores / parallel).</summary>
    public static int ThreadsPerRun(int cores, int parallel) => Math.Max(1, cores / Math.Max(1, parallel));

    /// <summary><c>crinf pipeline run FILE [--jobs N]</c>. Returns the exit code.</summary>
    public static async Task<int> RunAsync(string pipelineFile, int jobs, string? resultsOption, Func<string, bool> commandExists,
        TextWriter output, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (jobs < 1) throw new UserInputException($"--jobs must be >= 1 (got {jobs})");
        var loaded = Load(pipelineFile, resultsOption);
        var (spec, _, paths) = loaded;
        var plans = loaded.Inputs.Select(i => RunPlan.For(i, paths)).ToList();
        if (plans.All(p => p.Action == RunAction.UpToDate) && PipelineReport.IsUpToDate(loaded, commandExists))
        {
            // A finished pipeline: say so without touching the results folder (not even a lock file).
            output.WriteLine($"pipeline {spec.Name} ({pipelineFile}): all {spec.Runs.Length} runs are up to date");
            output.WriteLine($"report is up to date: {RunFiles.Display(paths.ReportFile)}");
            return 0;
        }
        using var pipelineLock = FileLock.Acquire(paths.LocksDirectory, "pipeline",
            $"another `crinf pipeline run` is working on {RunFiles.Display(paths.PipelineDirectory)}; wait for it to finish");
        plans = [.. loaded.Inputs.Select(i => RunPlan.For(i, paths))];
        var pending = plans.Where(p => p.Action != RunAction.UpToDate).ToList();
        var executor = new RunExecutor(spec, loaded.RecordedFile, paths, CrinfLauncher.Current, commandExists, output);
        executor.Say($"pipeline {spec.Name} ({pipelineFile}): {spec.Runs.Length} run{(spec.Runs.Length == 1 ? "" : "s")} -> {RunFiles.Display(paths.PipelineDirectory)}");

        var outcomes = new List<RunOutcome>();
        if (pending.Count == 0)
        {
            executor.Say($"all {spec.Runs.Length} runs are up to date");
        }
        else
        {
            foreach (var plan in plans)
            {
                executor.Say($"  {plan.Inputs.Run.Name,-24} {Describe(plan.Action)} ({plan.Reason})");
            }
            int launching = pending.Count(p => p.Action is RunAction.Start or RunAction.Resume or RunAction.Restart);
            int parallel = Math.Clamp(jobs, 1, Math.Max(1, launching));
            int cores = AvailableCores;
            int threads = ThreadsPerRun(cores, parallel);
            if (launching > 0)
            {
                executor.Say($"launching {launching} run{(launching == 1 ? "" : "s")}, {parallel} at a time, {threads} thread{(threads == 1 ? "" : "s")} each ({cores} core{(cores == 1 ? "" : "s")})");
            }
            outcomes.AddRange(await RunAllAsync(executor, pending, parallel, threads, stop).ConfigureAwait(false));
        }

        if (stop.IsCancellationRequested)
        {
            executor.Say("stopped on request; run the same command again to resume");
            return RunDefaults.InterruptedExitCode;
        }
        var notDone = outcomes.Where(o => o.State != RunRecordState.Done).ToList();
        if (notDone.Count > 0)
        {
            executor.Say($"pipeline {spec.Name}: {notDone.Count} of {spec.Runs.Length} runs not done ({string.Join(", ", notDone.Select(o => $"{o.Run}: {o.State.ToString().ToLowerInvariant()}"))}); the report leaves them out");
        }
        int report = await PipelineReport.WriteAsync(loaded, CrinfLauncher.Current, commandExists, output, stop).ConfigureAwait(false);
        return notDone.Count > 0 ? 1 : report;
    }

    /// <summary><c>crinf pipeline run-one FILE --run-index I</c> (or <c>--run NAME</c>): one run, no report.</summary>
    public static async Task<int> RunOneAsync(string pipelineFile, int? index, string? name, int? threads, string? resultsOption,
        Func<string, bool> commandExists, TextWriter output, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(output);
        var loaded = Load(pipelineFile, resultsOption);
        var spec = loaded.Spec;
        if ((index is null) == (name is null)) throw new UserInputException("give exactly one of --run-index I and --run NAME");
        RunInputs inputs;
        if (index is { } i)
        {
            if (i < 0 || i >= spec.Runs.Length)
            {
                throw new UserInputException($"--run-index {i}: pipeline {spec.Name} has runs 0 to {spec.Runs.Length - 1}");
            }
            inputs = loaded.Inputs[i];
        }
        else
        {
            inputs = loaded.Inputs.FirstOrDefault(x => x.Run.Name == name)
                ?? throw new UserInputException($"--run {name}: no such run in pipeline {spec.Name} (runs: {string.Join(", ", spec.Runs.Select(r => r.Name))})");
        }
        int t = threads ?? AvailableCores;
        if (t < 1) throw new UserInputException($"--threads must be >= 1 (got {t})");
        var executor = new RunExecutor(spec, loaded.RecordedFile, loaded.Paths, CrinfLauncher.Current, commandExists, output);
        var outcome = await executor.ExecuteAsync(inputs, t, stop).ConfigureAwait(false);
        executor.Say(outcome.Message);
        return outcome.State switch
        {
            RunRecordState.Done => 0,
            RunRecordState.Interrupted => RunDefaults.InterruptedExitCode,
            _ => 1,
        };
    }

    private static async Task<List<RunOutcome>> RunAllAsync(RunExecutor executor, List<RunPlan> pending, int parallel, int threads, CancellationToken stop)
    {
        using var slots = new SemaphoreSlim(parallel);
        var tasks = new List<Task<RunOutcome?>>();
        foreach (var plan in pending)
        {
            await slots.WaitAsync(CancellationToken.None).ConfigureAwait(false);
            if (stop.IsCancellationRequested)
            {
                slots.Release();
                break;
            }
            tasks.Add(Task.Run(async () =>
            {
                try
                {
                    var outcome = await executor.ExecuteAsync(plan.Inputs, threads, stop).ConfigureAwait(false);
                    executor.Say(outcome.Message);
                    return (RunOutcome?)outcome;
                }
                finally
                {
                    slots.Release();
                }
            }, CancellationToken.None));
        }
        var results = await Task.WhenAll(tasks).ConfigureAwait(false);
        return [.. results.OfType<RunOutcome>()];
    }

    private static string Describe(RunAction action) => action switch
    {
        RunAction.UpToDate => "up to date",
        RunAction.Adopt => "complete",
        RunAction.Start => "start",
        RunAction.Resume => "resume",
        RunAction.Restart => "restart",
        _ => "busy",
    };

    /// <summary>Repository-relative path with '/' where <paramref name="path"/> lies in the repository; else the full path.</summary>
    public static string RecordedPath(string path, string repositoryRoot)
    {
        string full = Path.GetFullPath(path);
        string relative = Path.GetRelativePath(repositoryRoot, full);
        return (relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? full : relative).Replace('\\', '/');
    }
}
