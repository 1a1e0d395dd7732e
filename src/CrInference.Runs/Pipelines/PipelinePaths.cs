namespace CrInference.Runs.Pipelines;

/// <summary>
/// Where a pipeline keeps its files, under <c>&lt;results&gt;/&lt;pipeline&gt;/</c>:
/// <list type="bullet">
/// <item><c>&lt;run&gt;/</c>: the run folder — what <c>crinf fit</c>/<c>evidence</c> writes, plus
/// <c>input.yaml</c> (the effective prior file), <c>pipeline-run.json</c> (<see cref="RunRecord"/>:
/// input hash, state, sessions) and <c>run.log</c> (the command's output);</item>
/// <item><c>report.md</c> and <c>report/</c> (plots, comparison table, <c>report.json</c>);</item>
/// <item><c>slurm/</c> (sbatch scripts, <c>jobs.json</c>, <c>logs/</c>);</item>
/// <item><c>superseded/</c> (run folders moved aside when their inputs changed);</item>
/// <item><c>.locks/</c> (advisory locks: one runner per pipeline, one process per run).</item>
/// </list>
/// The results root is <c>--results DIR</c>, else <c>$CRINF_RESULTS</c>, else the repository's <c>results/</c>.
/// </summary>
public sealed class PipelinePaths
{
    /// <summary>Environment variable that moves the results root (tests, scratch file systems).</summary>
    public const string ResultsVariable = "CRINF_RESULTS";

    /// <summary>Paths of pipeline <paramref name="pipelineName"/> under <paramref name="resultsRoot"/>.</summary>
    public PipelinePaths(string resultsRoot, string pipelineName)
    {
        ResultsRoot = Path.GetFullPath(resultsRoot);
        PipelineDirectory = Path.Combine(ResultsRoot, pipelineName);
    }

    /// <summary>The results root as <c>--results</c>, <c>$CRINF_RESULTS</c> or the repository say (full path).</summary>
    public static string ResolveResultsRoot(string? option)
    {
        if (!string.IsNullOrWhiteSpace(option)) return Path.GetFullPath(option);
        string? variable = Environment.GetEnvironmentVariable(ResultsVariable);
        return Path.GetFullPath(string.IsNullOrWhiteSpace(variable) ? RepositoryPaths.ResultsDirectory : variable);
    }

    /// <summary>The results root (full path).</summary>
    public string ResultsRoot { get; }

    /// <summary><c>&lt;results&gt;/&lt;pipeline&gt;/</c>.</summary>
    public string PipelineDirectory { get; }

    /// <summary>The folder of run <paramref name="run"/>.</summary>
    public string RunDirectory(string run) => Path.Combine(PipelineDirectory, run);

    /// <summary>The effective prior file of run <paramref name="run"/>.</summary>
    public string InputFile(string run) => Path.Combine(RunDirectory(run), "input.yaml");

    /// <summary>The pipeline's record of run <paramref name="run"/>.</summary>
    public string RecordFile(string run) => Path.Combine(RunDirectory(run), RunRecord.FileName);

    /// <summary>The output of the commands launched for run <paramref name="run"/>.</summary>
    public string LogFile(string run) => Path.Combine(RunDirectory(run), "run.log");

    /// <summary><c>report.md</c>.</summary>
    public string ReportFile => Path.Combine(PipelineDirectory, "report.md");

    /// <summary>Plots and tables of the report steps.</summary>
    public string ReportDirectory => Path.Combine(PipelineDirectory, "report");

    /// <summary>What the report was made from (its inputs' hash), for skipping an up-to-date report.</summary>
    public string ReportRecordFile => Path.Combine(ReportDirectory, "report.json");

    /// <summary>Output of the commands the report steps launch.</summary>
    public string ReportLogFile => Path.Combine(ReportDirectory, "report.log");

    /// <summary>sbatch scripts and the submission record.</summary>
    public string SlurmDirectory => Path.Combine(PipelineDirectory, "slurm");

    /// <summary>Slurm's <c>--output</c>/<c>--error</c> files.</summary>
    public string SlurmLogsDirectory => Path.Combine(SlurmDirectory, "logs");

    /// <summary>Job ids of the last submission.</summary>
    public string JobsFile => Path.Combine(SlurmDirectory, "jobs.json");

    /// <summary>Run folders moved aside because their inputs changed.</summary>
    public string SupersededDirectory => Path.Combine(PipelineDirectory, "superseded");

    /// <summary>Lock files.</summary>
    public string LocksDirectory => Path.Combine(PipelineDirectory, ".locks");
}
