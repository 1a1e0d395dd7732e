using System.CommandLine;
using System.Runtime.InteropServices;
using CrInference.Config.Pipelines;
using CrInference.Runs;
using CrInference.Runs.Composition;
using CrInference.Runs.Pipelines;

namespace CrInference.Cli.Commands;

/// <summary>
/// <c>crinf pipeline run|run-one|report|submit|status|check FILE</c>: studies of many runs from a
/// pipeline file (<c>pipelines/*.yaml</c>, see <see cref="PipelineFileParser"/>), locally
/// (<see cref="PipelineRunner"/>) or as a Slurm job array (<see cref="SlurmSubmitter"/>).
/// </summary>
public static class PipelineCommand
{
    public static Command Create()
    {
        var command = new Command("pipeline", "Run a study of many fits and evidence runs from a pipeline file (pipelines/*.yaml), locally or on Slurm");
        command.Subcommands.Add(CreateRun());
        command.Subcommands.Add(CreateRunOne());
        command.Subcommands.Add(CreateReport());
        command.Subcommands.Add(CreateSubmit());
        command.Subcommands.Add(CreateStatus());
        command.Subcommands.Add(CreateCheck());
        return command;
    }

    private static Argument<string> FileArgument() => new("file") { Description = "Pipeline file, e.g. pipelines/paper.yaml" };

    private static Option<string?> ResultsOption() => new("--results")
    {
        Description = $"Results root (default: ${PipelinePaths.ResultsVariable}, else the repository's results/); the pipeline writes <root>/<name>/",
    };

    private static Command CreateRun()
    {
        var file = FileArgument();
        var jobs = new Option<int>("--jobs") { Description = "Runs in parallel; each gets max(1, cores / jobs) threads", DefaultValueFactory = _ => 1 };
        var results = ResultsOption();
        var command = new Command("run", "Run every run that is not up to date (resuming interrupted ones), then write results/<pipeline>/report.md")
        {
            file, jobs, results,
        };
        command.SetAction(parse => CliApp.Guard(() => WithStopSignals(stop =>
            PipelineRunner.RunAsync(parse.GetValue(file)!, parse.GetValue(jobs), parse.GetValue(results), CommandExists(parse), Console.Out, stop))));
        return command;
    }

    private static Command CreateRunOne()
    {
        var file = FileArgument();
        var index = new Option<int?>("--run-index") { Description = "0-based index of the run in the file (a Slurm array task id)" };
        var name = new Option<string?>("--run") { Description = "Name of the run (instead of --run-index)" };
        var threads = new Option<int?>("--threads") { Description = "Threads for the run (default: $SLURM_CPUS_PER_TASK, else every core)" };
        var results = ResultsOption();
        var command = new Command("run-one", "Run one run of a pipeline (what a Slurm array task does); no report")
        {
            file, index, name, threads, results,
        };
        command.SetAction(parse => CliApp.Guard(() => WithStopSignals(stop =>
            PipelineRunner.RunOneAsync(parse.GetValue(file)!, parse.GetValue(index), parse.GetValue(name), parse.GetValue(threads), parse.GetValue(results), CommandExists(parse), Console.Out, stop))));
        return command;
    }

    private static Command CreateReport()
    {
        var file = FileArgument();
        var results = ResultsOption();
        var command = new Command("report", "Write results/<pipeline>/report.md from finished runs (the report steps: compare, corner, spectra, figures)")
        {
            file, results,
        };
        command.SetAction(parse => CliApp.Guard(() => WithStopSignals(stop =>
        {
            var loaded = PipelineRunner.Load(parse.GetValue(file)!, parse.GetValue(results));
            return PipelineReport.WriteAsync(loaded, CrinfLauncher.Current, CommandExists(parse), Console.Out, stop);
        })));
        return command;
    }

    private static Command CreateSubmit()
    {
        var file = FileArgument();
        var slurm = new Option<bool>("--slurm") { Description = "Submit to Slurm (sbatch): a job array with a task per run, then the report (afterok)" };
        var partition = new Option<string?>("--partition") { Description = "Slurm partition" };
        var time = new Option<string?>("--time") { Description = "Time limit per task, HH:MM:SS" };
        var cpus = new Option<int>("--cpus-per-task") { Description = "Cores per task (the run's --threads)", DefaultValueFactory = _ => 1 };
        var dryRun = new Option<bool>("--dry-run") { Description = "Write the sbatch scripts under results/<pipeline>/slurm/ without submitting" };
        var results = ResultsOption();
        var command = new Command("submit", "Submit a pipeline to a batch scheduler (--slurm)")
        {
            file, slurm, partition, time, cpus, dryRun, results,
        };
        command.SetAction(parse => CliApp.Guard(() =>
        {
            if (!parse.GetValue(slurm))
            {
                throw new UserInputException("choose the scheduler: --slurm (the only one supported)");
            }
            var settings = new SlurmSettings(parse.GetValue(partition), parse.GetValue(time), parse.GetValue(cpus));
            return SlurmSubmitter.Submit(parse.GetValue(file)!, settings, parse.GetValue(dryRun), parse.GetValue(results), CommandExists(parse), Console.Out);
        }));
        return command;
    }

    private static Command CreateStatus()
    {
        var file = FileArgument();
        var results = ResultsOption();
        var command = new Command("status", "Show each run's state (done, partial, failed, not started) and the Slurm jobs (squeue, sacct)")
        {
            file, results,
        };
        command.SetAction(parse => CliApp.Guard(() => PipelineStatus.Show(parse.GetValue(file)!, parse.GetValue(results), CommandExists(parse), Console.Out)));
        return command;
    }

    private static Command CreateCheck()
    {
        var file = FileArgument();
        var command = new Command("check", "Validate a pipeline file and its prior files; write nothing") { file };
        command.SetAction(parse => CliApp.Guard(() =>
        {
            string path = parse.GetValue(file)!;
            var spec = PipelineFileParser.Parse(path, RepositoryPaths.Root, CatalogPriorFileSchema.Instance);
            Console.WriteLine($"{path}: pipeline {spec.Name}, {spec.Runs.Length} runs ({string.Join(", ", spec.Runs.Select(r => $"{r.Name}: {r.Method.Name()} {r.Prior}"))}); report: {(spec.Report.IsEmpty ? "runs table only" : string.Join(", ", spec.Report.Select(s => s.Kind)))}");
            return 0;
        }));
        return command;
    }

    /// <summary>Whether the running crinf has a top-level command <c>name</c> (report steps degrade without it).</summary>
    private static Func<string, bool> CommandExists(ParseResult parse)
    {
        var root = parse.RootCommandResult.Command;
        return name => root.Subcommands.Any(c => c.Name == name);
    }

    /// <summary>Runs <paramref name="body"/> with a token cancelled by the first SIGINT/SIGTERM (a second one
    /// terminates at once).</summary>
    private static int WithStopSignals(Func<CancellationToken, Task<int>> body)
    {
        using var stop = new CancellationTokenSource();
        int signals = 0;
        void Handler(PosixSignalContext context)
        {
            if (Interlocked.Increment(ref signals) > 1) return;
            context.Cancel = true;
            Console.Error.WriteLine("stopping: no new runs; running ones stop after their current block (signal again to abort at once)");
            stop.Cancel();
        }
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Handler);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handler);
        return body(stop.Token).GetAwaiter().GetResult();
    }
}
