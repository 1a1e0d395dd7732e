using System.CommandLine;
using CrInference.Runs.Evidence;
using CrInference.Runs.Lifecycle;
using CrInference.Runs;

namespace CrInference.Cli.Commands;

/// <summary>
/// <c>crinf evidence PRIORFILE [--method nested|pt] [--live N] [--dlogz X] [--seed S] [--walkers N]
/// [--temperatures K] [--burn-in N] [--steps N] [--threads N] [--out DIR] [--resume] [--dry-run]</c>: the
/// Bayesian evidence of a prior file's posterior (see <see cref="EvidenceRunKind"/>). Ctrl-C (or SIGTERM) stops
/// after the current batch and leaves a checkpoint that <c>--resume</c> continues; a second Ctrl-C aborts at
/// once (the run is still resumable from its last checkpoint).
/// </summary>
public static class EvidenceCommand
{
    public static Command Create()
    {
        var priorFile = new Argument<string>("priorfile") { Description = "Prior file, e.g. priors/two-phase.yaml" };
        var method = new Option<string?>("--method") { Description = "nested (default: nested sampling) or pt (parallel tempering: thermodynamic integration and stepping stones)" };
        var live = new Option<int?>("--live") { Description = "Live points of nested sampling (overrides nested.live; default 500)" };
        var dlogz = new Option<double?>("--dlogz") { Description = "Stop nested sampling when the live points hold less than this much ln Z (overrides nested.dlogz; default 0.1)" };
        var seed = new Option<ulong?>("--seed") { Description = "Random seed (overrides nested.seed, or for pt sampler.seed; default 1)" };
        var walkers = new Option<int?>("--walkers") { Description = "pt: walkers per temperature (default max(32, 4D); physics models max(16, 2D + 2))" };
        var temperatures = new Option<int?>("--temperatures") { Description = "pt: number of temperatures (default min(32, 4 + ceil(4 sqrt D)); physics models 32)" };
        var burnIn = new Option<long?>("--burn-in") { Description = "pt: burn-in steps, ladder adapting (default 1000; physics models 400)" };
        var steps = new Option<long?>("--steps") { Description = "pt: production steps (default 2000; physics models 600)" };
        var threads = new Option<int?>("--threads") { Description = "Threads (default: all cores; the result does not depend on it)" };
        var output = new Option<string?>("--out") { Description = "Run folder (default: results/<prior file name>-evidence/ or -pt/)" };
        var resume = new Option<bool>("--resume") { Description = "Continue the interrupted run in the run folder from its checkpoint" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Build everything, evaluate a few prior draws, report timings; write nothing" };
        var dataDir = new Option<string?>("--data-dir") { Description = "Read every dataset from DIR/<id>.csv (mock data from crinf simulate) instead of the bundled table; same cuts and errors" };
        var checkpointEvery = new Option<long?>("--checkpoint-every") { Description = "Iterations (pt: steps) between checkpoints at most (default 1000; pt 500); a checkpoint is also written every 10 s", Hidden = true };
        var command = new Command("evidence", "Bayesian evidence ln Z of a prior file's model by nested sampling (or parallel tempering); write samples.parquet, evidence.json, summary.md")
        {
            priorFile, method, live, dlogz, seed, walkers, temperatures, burnIn, steps, threads, output, resume, dryRun, checkpointEvery, dataDir,
        };
        command.SetAction(parse => CliApp.Guard(() =>
        {
            long? every = parse.GetValue(checkpointEvery);
            if (every is < 1) throw new UserInputException($"--checkpoint-every must be >= 1 (got {every})");
            return Run(new EvidenceOptions(parse.GetValue(priorFile)!)
            {
                Method = parse.GetValue(method),
                OutputDirectory = parse.GetValue(output),
                Live = parse.GetValue(live),
                DLogZ = parse.GetValue(dlogz),
                Seed = parse.GetValue(seed),
                Walkers = parse.GetValue(walkers),
                Temperatures = parse.GetValue(temperatures),
                BurnIn = parse.GetValue(burnIn),
                Steps = parse.GetValue(steps),
                Threads = parse.GetValue(threads),
                Resume = parse.GetValue(resume),
                DryRun = parse.GetValue(dryRun),
                DataDirectory = parse.GetValue(dataDir),
                CheckpointInterval = every,
            });
        }));
        return command;
    }

    private static int Run(EvidenceOptions options) =>
        StopSignals.Run("stopping after the current batch (Ctrl-C again aborts at once; the run stays resumable from its last checkpoint)",
            stop => RunLifecycle.ExecuteAsync(EvidenceRunKind.For(options), options, Console.Out, stop));
}
