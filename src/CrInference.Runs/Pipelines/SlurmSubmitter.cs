using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CrInference.Config.Pipelines;
using CrInference.Storage.Parquet;

namespace CrInference.Runs.Pipelines;

/// <summary>
/// <c>crinf pipeline submit FILE --slurm</c>: writes the sbatch scripts (<see cref="SlurmScripts"/>)
/// for the runs that are not up to date, submits the array with <c>sbatch --parsable</c> and the
/// report with <c>--dependency=afterok:&lt;array&gt;</c>, prints the job ids and records them in
/// <c>slurm/jobs.json</c>. <c>--dry-run</c> writes the scripts only. Runs that are up to date are
/// left out of the array; when every run and the report are up to date nothing is written or
/// submitted. Refuses while the jobs of an earlier submission are still queued or running (they read
/// the same <c>slurm/pipeline.yaml</c>).
/// </summary>
public static class SlurmSubmitter
{
    /// <summary>Value of the <c>format</c> key of <c>jobs.json</c>.</summary>
    public const string Format = "crinference-slurm-jobs/1";

    private static readonly TimeSpan SbatchTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Writes the scripts and (unless <paramref name="dryRun"/>) submits them. Returns the exit code.</summary>
    public static int Submit(string pipelineFile, SlurmSettings settings, bool dryRun, string? resultsOption, Func<string, bool> commandExists, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(output);
        settings.Validate();
        var loaded = PipelineRunner.Load(pipelineFile, resultsOption);
        var (spec, _, paths) = loaded;
        CheckSubmittable(spec, paths, dryRun);

        var pending = loaded.Inputs.Select(i => RunPlan.For(i, paths)).Where(p => p.Action != RunAction.UpToDate).Select(p => p.Inputs.Run.Index).ToList();
        if (pending.Count == 0 && PipelineReport.IsUpToDate(loaded, commandExists))
        {
            output.WriteLine($"nothing to submit: all {spec.Runs.Length} runs and the report of {spec.Name} are up to date ({RunFiles.Display(paths.ReportFile)})");
            return 0;
        }
        Directory.CreateDirectory(paths.SlurmLogsDirectory);
        File.Copy(pipelineFile, Path.Combine(paths.SlurmDirectory, SlurmScripts.PipelineSnapshot), overwrite: true);
        var launcher = CrinfLauncher.Current;
        string arrayScript = Path.Combine(paths.SlurmDirectory, SlurmScripts.ArrayScript);
        string reportScript = Path.Combine(paths.SlurmDirectory, SlurmScripts.ReportScript);
        string submitScript = Path.Combine(paths.SlurmDirectory, SlurmScripts.SubmitScript);
        if (pending.Count > 0)
        {
            WriteScript(arrayScript, SlurmScripts.Array(spec, paths, pending, settings, launcher));
        }
        else if (File.Exists(arrayScript))
        {
            File.Delete(arrayScript);
        }
        WriteScript(reportScript, SlurmScripts.Report(spec, paths, settings, launcher));
        WriteScript(submitScript, SlurmScripts.Submit(pending.Count > 0));
        string runs = pending.Count == 0 ? "no run (every run is up to date)" : $"{pending.Count} run{(pending.Count == 1 ? "" : "s")} (array {SlurmScripts.IndexRanges(pending)})";
        output.WriteLine($"wrote {RunFiles.Display(paths.SlurmDirectory)}/: {(pending.Count > 0 ? SlurmScripts.ArrayScript + " for " + runs + ", " : "")}{SlurmScripts.ReportScript}, {SlurmScripts.SubmitScript}");
        if (dryRun)
        {
            output.WriteLine($"dry run: nothing submitted; submit by hand with {RunFiles.Display(submitScript)}");
            return 0;
        }

        SubmitScripts(pipelineFile, spec, paths, settings, pending, runs, arrayScript, reportScript, output);
        return 0;
    }

    /// <summary>Throws the one-line refusal when the scripts cannot be written or submitted.</summary>
    private static void CheckSubmittable(PipelineSpec spec, PipelinePaths paths, bool dryRun)
    {
        foreach (string path in new[] { paths.SlurmLogsDirectory, RepositoryPaths.Root })
        {
            if (path.Any(char.IsWhiteSpace))
            {
                throw new UserInputException($"{path}: #SBATCH lines cannot hold a path with spaces; use --results DIR elsewhere (or move the repository)");
            }
        }
        if (!dryRun && SlurmCommands.Find("sbatch") is null)
        {
            throw new UserInputException("sbatch not found on PATH: submit from a Slurm login node (or use --dry-run to write the scripts only)");
        }
        if (!dryRun && ActiveJobs(paths) is { Count: > 0 } active)
        {
            throw new UserInputException($"jobs {string.Join(", ", active)} of an earlier submission of {spec.Name} are still queued or running; wait for them or scancel them first");
        }
    }

    /// <summary>Submits the run array (if any) and the report job depending on it, and records the job ids.</summary>
    private static void SubmitScripts(string pipelineFile, PipelineSpec spec, PipelinePaths paths, SlurmSettings settings, List<int> pending, string runs,
        string arrayScript, string reportScript, TextWriter output)
    {
        string? arrayJob = null;
        if (pending.Count > 0)
        {
            arrayJob = Sbatch([arrayScript], "the run array");
        }
        string reportJob;
        try
        {
            reportJob = Sbatch(arrayJob is null ? [reportScript] : [$"--dependency=afterok:{arrayJob}", reportScript], "the report job");
        }
        catch (UserInputException e) when (arrayJob is not null)
        {
            throw new UserInputException($"{e.Message}; the run array {arrayJob} was submitted: scancel {arrayJob}, or submit {SlurmScripts.ReportScript} by hand with --dependency=afterok:{arrayJob}");
        }
        var jobs = new JsonObject
        {
            ["format"] = Format,
            ["pipeline"] = spec.Name,
            ["submitted_utc"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            ["array_job"] = arrayJob,
            ["report_job"] = reportJob,
            ["dependency"] = arrayJob is null ? null : $"afterok:{arrayJob}",
            ["tasks"] = new JsonObject(pending.Select(i => KeyValuePair.Create(i.ToString(CultureInfo.InvariantCulture), (JsonNode?)spec.Runs[i].Name))),
            ["partition"] = settings.Partition,
            ["time"] = settings.Time,
            ["cpus_per_task"] = settings.CpusPerTask,
        };
        AtomicFile.WriteAllText(paths.JobsFile, RunJson.Serialize(jobs) + "\n");
        if (arrayJob is not null)
        {
            output.WriteLine($"submitted array job {arrayJob} ({runs}: {string.Join(", ", pending.Select(i => $"{arrayJob}_{i}={spec.Runs[i].Name}"))})");
        }
        output.WriteLine($"submitted report job {reportJob}{(arrayJob is null ? "" : $" (--dependency=afterok:{arrayJob})")}");
        output.WriteLine($"job ids recorded in {RunFiles.Display(paths.JobsFile)}; follow with: ./crinf pipeline status {pipelineFile}");
    }

    /// <summary>The job ids recorded in <c>jobs.json</c> that squeue still lists as pending or running.</summary>
    public static IReadOnlyList<string> ActiveJobs(PipelinePaths paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var jobs = ReadJobs(paths);
        if (jobs is null || SlurmCommands.Find("squeue") is null) return [];
        var ids = new[] { (string?)jobs["array_job"], (string?)jobs["report_job"] }.OfType<string>().ToList();
        if (ids.Count == 0) return [];
        var result = SlurmCommands.Run("squeue", ["-h", "-j", string.Join(',', ids), "-o", "%A|%T"], TimeSpan.FromSeconds(30));
        if (result.ExitCode != 0) return [];
        return [.. result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('|')[0]).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The last submission's <c>jobs.json</c>, or null.</summary>
    public static JsonObject? ReadJobs(PipelinePaths paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        try
        {
            return File.Exists(paths.JobsFile) ? JsonNode.Parse(File.ReadAllText(paths.JobsFile)) as JsonObject : null;
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or IOException)
        {
            return null;
        }
    }

    private static string Sbatch(IReadOnlyList<string> arguments, string what)
    {
        var result = SlurmCommands.Run("sbatch", ["--parsable", .. arguments], SbatchTimeout);
        string id = result.Output.Trim().Split(';')[0];
        if (result.ExitCode != 0 || id.Length == 0 || !id.All(char.IsAsciiDigit))
        {
            throw new UserInputException($"sbatch refused {what} (exit {result.ExitCode}): {result.FirstErrorLine}");
        }
        return id;
    }

    private static void WriteScript(string path, string text)
    {
        File.WriteAllText(path, text, new UTF8Encoding(false));
        if (OperatingSystem.IsWindows()) return;
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
    }
}
