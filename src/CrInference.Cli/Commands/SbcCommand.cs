using System.CommandLine;
using System.Globalization;
using CrInference.Runs;
using CrInference.Runs.Calibration;
using CrInference.Runs.Lifecycle;

namespace CrInference.Cli.Commands;

/// <summary>
/// <c>crinf sbc PRIOR --replicates N [--truth prior|ref|fiducial|FILE.yaml …] [--method ensemble|nested] [--steps N]
/// [--walkers N] [--live N] [--draws L] [--starts file|prior|optimize] [--seed S] [--jobs N] [--data-dir DIR] [--out DIR] [--resume] [--dry-run]</c>:
/// calibration of a prior file's posterior on mock data (see <see cref="CalibrationRunKind"/>). Ctrl-C stops the
/// replicates in flight; <c>--resume</c> runs the missing ones.
/// </summary>
public static class SbcCommand
{
    /// <summary>The help text's description: how a user calibrates their own prior file.</summary>
    public const string Description =
        "Calibrate a prior file's posterior on mock data. Simulation-based calibration (default, --truth prior): each replicate draws "
        + "a truth from the prior, simulates the prior file's datasets at it (same bins, errors and correlations), fits them as `crinf fit` "
        + "does (or --method nested as `crinf evidence`) and ranks the truth among L posterior draws; a calibrated posterior puts the truth "
        + "in its 68 %/95 % intervals 68 %/95 % of the time and gives uniform ranks. Writes sbc.csv, sbc.md, sbc.png, sbc-summary.json. "
        + "Injection-recovery (--truth fiducial|ref|FILE.yaml|RUN_DIR, repeatable): --replicates noise draws per truth, bias in posterior sigma, "
        + "injection.csv/.md/-summary.json. Your own prior file: try `crinf sbc my.yaml --replicates 20 --steps 1000 --dry-run` for the cost, "
        + "then run >= 200 replicates with the steps your real fit uses; --resume continues, --resume --replicates M extends.";

    public static Command Create()
    {
        var priorFile = new Argument<string>("priorfile") { Description = "Prior file, e.g. priors/phenomenological.yaml" };
        var replicates = new Option<int?>("--replicates") { Description = "Replicates (SBC), or noise realisations per truth with fixed truths" };
        var truth = new Option<string[]>("--truth") { Description = "prior (default: SBC) or, repeatable, fixed truths: ref, fiducial, FILE.yaml, RUN_DIR (a fit's posterior medians) (injection-recovery)" };
        var method = new Option<string?>("--method") { Description = "ensemble (default: the fit's sampler) or nested (nested sampling, weights respected)" };
        var steps = new Option<long?>("--steps") { Description = "Steps per replicate fit (overrides sampler.steps)" };
        var walkers = new Option<int?>("--walkers") { Description = "Walkers per replicate fit (overrides sampler.walkers)" };
        var live = new Option<int?>("--live") { Description = "nested: live points (overrides nested.live; default 500)" };
        var draws = new Option<int?>("--draws") { Description = $"L: posterior draws each truth is ranked among (default {CalibrationDefaults.Draws})" };
        var starts = new Option<string?>("--starts") { Description = "ensemble: file (default: the prior file's ref balls), prior (walkers from prior draws, lagging ones relocated in the first 10 % of the steps) or optimize (prior draws polished by a multi-start Nelder-Mead search, walkers at the search ends near the best point): SBC truths can lie anywhere in the prior" };
        var seed = new Option<ulong?>("--seed") { Description = "Seed (overrides sampler.seed); replicate r uses FromSeed(seed).Split(r)" };
        var jobs = new Option<int?>("--jobs") { Description = "Replicates run at once (default: all cores); results do not depend on it" };
        var threads = new Option<int?>("--threads") { Description = "Threads in all (default: all cores); each replicate gets threads/jobs" };
        var chunk = new Option<string?>("--chunk") { Description = "K/M: only replicates r with r mod M = K (a Slurm array task; with M = --replicates, replicate K alone, e.g. to refit it with other --steps, --walkers or --method); gather the chunks with --gather" };
        var gather = new Option<string[]>("--gather") { Description = "Folder of another chunk of the same run: its finished replicates are copied in (repeatable)" };
        var dataDir = new Option<string?>("--data-dir") { Description = "Read the template datasets from DIR/<id>.csv (bins and errors are the bundled ones)" };
        var output = new Option<string?>("--out") { Description = "Run folder (default: results/<prior file name>-sbc/)" };
        var resume = new Option<bool>("--resume") { Description = "Run the missing replicates of the run in the folder (with more --replicates: extend a finished one)" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Build everything, time a few prior draws, estimate the cost; write nothing" };
        var command = new Command("sbc", Description)
        {
            priorFile, replicates, truth, method, steps, walkers, live, draws, starts, seed, jobs, threads, chunk, gather, dataDir, output, resume, dryRun,
        };
        command.SetAction(parse => CliApp.Guard(() => Run(new CalibrationOptions(parse.GetValue(priorFile)!)
        {
            Replicates = parse.GetValue(replicates),
            Truths = parse.GetValue(truth) ?? [],
            Method = parse.GetValue(method),
            Steps = parse.GetValue(steps),
            Walkers = parse.GetValue(walkers),
            Live = parse.GetValue(live),
            Draws = parse.GetValue(draws),
            Starts = parse.GetValue(starts),
            Seed = parse.GetValue(seed),
            Jobs = parse.GetValue(jobs),
            Threads = parse.GetValue(threads),
            Chunk = ParseChunk(parse.GetValue(chunk)),
            Gather = parse.GetValue(gather) ?? [],
            DataDirectory = parse.GetValue(dataDir),
            OutputDirectory = parse.GetValue(output),
            Resume = parse.GetValue(resume),
            DryRun = parse.GetValue(dryRun),
        })));
        return command;
    }

    /// <summary><c>K/M</c> with 0 ≤ K &lt; M.</summary>
    public static (int Index, int Count)? ParseChunk(string? text)
    {
        if (text is null) return null;
        var parts = text.Split('/');
        if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int k)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int m) && m >= 1 && k < m)
        {
            return (k, m);
        }
        throw new UserInputException($"--chunk {text}: expected K/M with 0 <= K < M, e.g. 0/4");
    }

    private static int Run(CalibrationOptions options) =>
        StopSignals.Run("stopping the replicates in flight (finished ones are kept; --resume runs the rest)",
            stop => RunLifecycle.ExecuteAsync(CalibrationRunKind.Instance, options, Console.Out, stop));
}
