using System.Diagnostics;
using System.Globalization;
using CrInference.Config.Pipelines;
using CrInference.Runs.Lifecycle;
using CrInference.Storage.Parquet;

namespace CrInference.Runs.Pipelines;

/// <summary>How one run ended in this invocation.</summary>
/// <param name="Run">The run's name.</param>
/// <param name="State">Its state afterwards.</param>
/// <param name="Action">What was done.</param>
/// <param name="WallSeconds">Wall time of the command launched now (0 when none was).</param>
/// <param name="Message">One line for the user.</param>
public sealed record RunOutcome(string Run, RunRecordState State, RunAction Action, double WallSeconds, string Message);

/// <summary>
/// Carries out a <see cref="RunPlan"/> for one run: takes the run's lock, decides again under it,
/// moves a superseded folder aside (to <c>superseded/&lt;run&gt;-&lt;UTC time&gt;/</c>; nothing is
/// deleted), writes <c>input.yaml</c> (only when missing or different) and <c>pipeline-run.json</c>,
/// launches <c>crinf fit</c>/<c>evidence</c> (<c>--resume</c> for an interrupted run) with its output
/// in <c>run.log</c>, and records how it ended. A run whose command this build lacks (<c>evidence</c>
/// before it exists) fails with one line naming it, before anything is written.
/// </summary>
public sealed class RunExecutor(PipelineSpec pipeline, string pipelineFile, PipelinePaths paths, CrinfLauncher launcher, Func<string, bool> commandExists, TextWriter output)
{
    private readonly Lock _outputGate = new();

    /// <summary>Writes one line to the output (callers may run in parallel).</summary>
    public void Say(string line)
    {
        lock (_outputGate) output.WriteLine(line);
    }

    /// <summary>Runs <paramref name="inputs"/>' run with <paramref name="threads"/> threads.</summary>
    public async Task<RunOutcome> ExecuteAsync(RunInputs inputs, int threads, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var run = inputs.Run;
        using var runLock = FileLock.TryAcquire(paths.LocksDirectory, run.Name);
        if (runLock is null)
        {
            return new RunOutcome(run.Name, RunRecordState.Running, RunAction.Busy, 0, $"[{run.Name}] busy: another crinf process holds its lock ({RunFiles.Display(paths.LocksDirectory)}/{run.Name}.lock)");
        }
        var plan = RunPlan.For(inputs, paths);
        string directory = paths.RunDirectory(run.Name);
        if (plan.Action is RunAction.Start or RunAction.Resume or RunAction.Restart && !commandExists(run.Method.Name()))
        {
            return new RunOutcome(run.Name, RunRecordState.Failed, plan.Action, 0,
                $"[{run.Name}] not run: method {run.Method.Name()} needs `crinf {run.Method.Name()}`, which this build of crinf does not have yet");
        }
        switch (plan.Action)
        {
            case RunAction.UpToDate:
                return new RunOutcome(run.Name, RunRecordState.Done, plan.Action, 0, $"[{run.Name}] up to date");
            case RunAction.Busy:
                return new RunOutcome(run.Name, RunRecordState.Running, plan.Action, 0, $"[{run.Name}] busy: {plan.Reason}");
            case RunAction.Adopt:
                var adopted = RunRecord.TryRead(directory)!;
                adopted.SetState(RunRecordState.Done, plan.Reason);
                adopted.Write(directory);
                return new RunOutcome(run.Name, RunRecordState.Done, plan.Action, 0, $"[{run.Name}] complete ({plan.Reason})");
            case RunAction.Restart:
                string aside = MoveAside(directory, run.Name);
                Say($"[{run.Name}] {plan.Reason}; moved the old folder to {RunFiles.Display(aside)}");
                break;
        }

        Directory.CreateDirectory(directory);
        string inputFile = paths.InputFile(run.Name);
        if (!File.Exists(inputFile) || File.ReadAllText(inputFile) != run.EffectivePriorText)
        {
            AtomicFile.WriteAllText(inputFile, run.EffectivePriorText);
        }
        bool resume = plan.Action == RunAction.Resume;
        var record = RunRecord.TryRead(directory) is { } existing && existing.InputHash == inputs.Hash
            ? existing
            : RunRecord.Create(pipeline.Name, pipelineFile, inputs);
        var arguments = inputs.Arguments(inputFile, directory, threads, resume);
        var session = record.BeginSession(launcher.CommandLine(arguments), threads, resume);
        // Recorded before the launch, so that a runner killed at any moment leaves a record of these inputs.
        record.Write(directory);
        string logFile = paths.LogFile(run.Name);
        File.AppendAllText(logFile, $"=== {DateTime.UtcNow:yyyy-MM-ddTHH:mm:ssZ} {(resume ? "resume" : "start")}: crinf {string.Join(' ', arguments.Select(CrinfLauncher.ShellQuote))}\n");

        Say($"[{run.Name}] {(resume ? "resuming" : "starting")} {run.Method.Name()} of {run.Prior} ({threads} thread{(threads == 1 ? "" : "s")}; {plan.Reason}); log: {RunFiles.Display(logFile)}");
        var clock = Stopwatch.StartNew();
        int exit;
        using (var process = launcher.Start(arguments, logFile, RepositoryPaths.Root))
        {
            session["pid"] = process.Id;
            record.Write(directory);
            using var registration = cancellationToken.Register(() => CrinfLauncher.StopChild(process.Id));
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            exit = process.ExitCode;
        }
        double wall = clock.Elapsed.TotalSeconds;
        bool complete = RunResults.IsComplete(run.Method, directory);
        var (state, message) = (exit, complete) switch
        {
            (0, true) => (RunRecordState.Done, $"[{run.Name}] done in {FormatSeconds(wall)}"),
            (0, false) => (RunRecordState.Failed, $"[{run.Name}] failed: crinf {run.Method.Name()} exited 0 but left no complete results; see {RunFiles.Display(logFile)}"),
            (RunDefaults.InterruptedExitCode, _) => (RunRecordState.Interrupted, $"[{run.Name}] interrupted after {FormatSeconds(wall)}; the next run resumes it"),
            _ => (RunRecordState.Failed, $"[{run.Name}] failed (exit {exit}): {LastLine(logFile) ?? "no output"}"),
        };
        record.EndSession(session, exit, wall, state);
        record.Write(directory);
        return new RunOutcome(run.Name, state, resume ? RunAction.Resume : plan.Action, wall, message);
    }

    /// <summary>Moves <paramref name="directory"/> to <c>superseded/&lt;run&gt;-&lt;UTC time&gt;</c>; returns the new path.</summary>
    private string MoveAside(string directory, string run)
    {
        Directory.CreateDirectory(paths.SupersededDirectory);
        string stamp = DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        string target = Path.Combine(paths.SupersededDirectory, $"{run}-{stamp}");
        for (int i = 2; Directory.Exists(target); i++) target = Path.Combine(paths.SupersededDirectory, $"{run}-{stamp}-{i}");
        Directory.Move(directory, target);
        return target;
    }

    /// <summary>The last non-empty line of <paramref name="file"/>, or null.</summary>
    public static string? LastLine(string file)
    {
        if (!File.Exists(file)) return null;
        string? last = null;
        foreach (string line in File.ReadLines(file))
        {
            if (!string.IsNullOrWhiteSpace(line) && !line.StartsWith("=== ", StringComparison.Ordinal)) last = line.Trim();
        }
        return last;
    }

    /// <summary>A duration for people: <c>0.8 s</c>, <c>42 s</c>, <c>3 min 05 s</c>, <c>2 h 04 min</c>.</summary>
    public static string FormatSeconds(double seconds) => seconds switch
    {
        < 10 => string.Create(CultureInfo.InvariantCulture, $"{seconds:0.0} s"),
        < 60 => string.Create(CultureInfo.InvariantCulture, $"{seconds:0} s"),
        < 3600 => string.Create(CultureInfo.InvariantCulture, $"{(int)(seconds / 60)} min {(int)seconds % 60:00} s"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{(int)(seconds / 3600)} h {(int)(seconds / 60) % 60:00} min"),
    };
}
