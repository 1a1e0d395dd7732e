using System.CommandLine;
using CrInference.Runs.Fit;
using CrInference.Runs.Lifecycle;

namespace CrInference.Cli.Commands;

/// <summary>
/// <c>crinf fit PRIORFILE [--out DIR] [--walkers N] [--steps N] [--seed S] [--threads N] [--resume]
/// [--until-converged] [--dry-run]</c>: samples the posterior of a prior file (see <see cref="FitRunKind"/>).
/// Ctrl-C (or SIGTERM) stops after the current block, leaving a run that <c>--resume</c> continues;
/// a second Ctrl-C aborts at once (the run is still resumable from its last stored block).
/// </summary>
public static class FitCommand
{
    public static Command Create()
    {
        var priorFile = new Argument<string>("priorfile") { Description = "Prior file, e.g. priors/two-phase.yaml" };
        var output = new Option<string?>("--out") { Description = "Run folder (default: results/<prior file name>/)" };
        var walkers = new Option<int?>("--walkers") { Description = "Walkers (overrides sampler.walkers)" };
        var steps = new Option<long?>("--steps") { Description = "Steps (overrides sampler.steps; the maximum with --until-converged)" };
        var seed = new Option<ulong?>("--seed") { Description = "Random seed (overrides sampler.seed)" };
        var threads = new Option<int?>("--threads") { Description = "Threads evaluating walkers (default: all cores; the chain does not depend on it)" };
        var resume = new Option<bool>("--resume") { Description = "Continue the interrupted run in the run folder" };
        var untilConverged = new Option<bool>("--until-converged") { Description = "Stop when the chain is >= 50 tau long and tau is stable to 1 % (steps = maximum)" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Build everything, evaluate a few prior draws, report timings; write nothing" };
        var dataDir = new Option<string?>("--data-dir") { Description = "Read every dataset from DIR/<id>.csv (mock data from crinf simulate) instead of the bundled table; same cuts and errors" };
        var command = new Command("fit", "Fit a prior file's model to its datasets with the ensemble sampler; write chains.parquet, manifest.json, summary.md")
        {
            priorFile, output, walkers, steps, seed, threads, resume, untilConverged, dryRun, dataDir,
        };
        command.SetAction(parse => CliApp.Guard(() => Run(new FitOptions(parse.GetValue(priorFile)!)
        {
            OutputDirectory = parse.GetValue(output),
            Walkers = parse.GetValue(walkers),
            Steps = parse.GetValue(steps),
            Seed = parse.GetValue(seed),
            Threads = parse.GetValue(threads),
            Resume = parse.GetValue(resume),
            UntilConverged = parse.GetValue(untilConverged),
            DryRun = parse.GetValue(dryRun),
            DataDirectory = parse.GetValue(dataDir),
            Display = ProgressBarDisplay.ForConsole(),
        })));
        return command;
    }

    private static int Run(FitOptions options) =>
        StopSignals.Run("stopping after the current block (Ctrl-C again aborts at once; the run stays resumable)",
            stop => RunLifecycle.ExecuteAsync(FitRunKind.Instance, options, Console.Out, stop));
}
