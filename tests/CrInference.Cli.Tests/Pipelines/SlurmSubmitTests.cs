using CrInference.Runs.Pipelines;

namespace CrInference.Cli.Tests.Pipelines;

/// <summary><c>crinf pipeline submit --slurm --dry-run</c> writes the sbatch scripts and submits nothing.</summary>
[Collection(PipelineCollection.Name)]
public sealed class SlurmSubmitTests : IDisposable
{
    private readonly ScratchFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void SubmitDryRun_SmokePipeline_WritesArrayAndReportScriptsWithTheirSbatchLines()
    {
        string results = _folder.File("results");
        string smoke = Path.Combine(Crinf.Root, "pipelines", "smoke.yaml");

        var result = Crinf.Run("pipeline", "submit", smoke, "--slurm", "--dry-run", "--partition", "debug", "--time", "00:20:00", "--cpus-per-task", "2", "--results", results);

        Expect.Success(result);
        Assert.Contains("dry run: nothing submitted", result.Out, StringComparison.Ordinal);
        string slurm = Path.Combine(results, "smoke", "slurm");
        string logs = Path.Combine(slurm, "logs");
        string array = File.ReadAllText(Path.Combine(slurm, "runs.sbatch"));
        string[] arrayLines = array.Split('\n');
        Assert.Equal("#!/bin/bash", arrayLines[0]);
        Assert.Equal(
        [
            "#SBATCH --job-name=crinf-smoke",
            "#SBATCH --array=0-5",
            "#SBATCH --ntasks=1",
            "#SBATCH --cpus-per-task=2",
            "#SBATCH --time=00:20:00",
            "#SBATCH --partition=debug",
            $"#SBATCH --output={logs}/run-%A_%a.out",
            $"#SBATCH --error={logs}/run-%A_%a.err",
            $"#SBATCH --chdir={Crinf.Root}",
        ], arrayLines.Where(l => l.StartsWith("#SBATCH", StringComparison.Ordinal)));
        string snapshot = Path.Combine(slurm, "pipeline.yaml");
        Assert.EndsWith($"pipeline run-one {snapshot} --run-index \"$SLURM_ARRAY_TASK_ID\" --threads \"${{SLURM_CPUS_PER_TASK:-1}}\" --results {results}", arrayLines.Single(l => l.StartsWith("exec ", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Equal(File.ReadAllText(smoke), File.ReadAllText(snapshot));

        string[] report = File.ReadAllText(Path.Combine(slurm, "report.sbatch")).Split('\n');
        Assert.Contains("#SBATCH --job-name=crinf-smoke-report", report);
        Assert.Contains("#SBATCH --cpus-per-task=1", report);
        Assert.Contains($"#SBATCH --output={logs}/report-%j.out", report);
        Assert.EndsWith($"pipeline report {snapshot} --results {results}", report.Single(l => l.StartsWith("exec ", StringComparison.Ordinal)), StringComparison.Ordinal);

        string submit = File.ReadAllText(Path.Combine(slurm, "submit.sh"));
        Assert.Contains("array=$(sbatch --parsable runs.sbatch)", submit, StringComparison.Ordinal);
        Assert.Contains("report=$(sbatch --parsable --dependency=afterok:$array report.sbatch)", submit, StringComparison.Ordinal);
        Assert.True(Directory.Exists(logs));
        Assert.False(File.Exists(Path.Combine(slurm, "jobs.json")));
        Assert.False(Directory.Exists(Path.Combine(results, "smoke", "gaussian-3d")));
    }

    [Fact]
    public void Submit_WithoutSlurmFlagOrWithBadTime_IsAUsageError()
    {
        string smoke = Path.Combine(Crinf.Root, "pipelines", "smoke.yaml");
        string results = _folder.File("results");

        var noScheduler = Crinf.Run("pipeline", "submit", smoke, "--results", results);
        var badTime = Crinf.Run("pipeline", "submit", smoke, "--slurm", "--dry-run", "--time", "ten minutes", "--results", results);

        Assert.Equal((2, "error: choose the scheduler: --slurm (the only one supported)\n"), (noScheduler.Exit, noScheduler.Error));
        Assert.Equal((2, "error: --time ten minutes: expected HH:MM:SS (or D-HH:MM:SS, MM:SS, or minutes)\n"), (badTime.Exit, badTime.Error));
        Assert.False(Directory.Exists(results));
    }

    [Theory]
    [InlineData(new[] { 0, 1, 2, 3 }, "0-3")]
    [InlineData(new[] { 5, 0, 2, 3 }, "0,2-3,5")]
    [InlineData(new[] { 7 }, "7")]
    public void IndexRanges_Indices_WritesSlurmArraySyntax(int[] indices, string expected) =>
        Assert.Equal(expected, SlurmScripts.IndexRanges(indices));

    [Theory]
    [InlineData(8, 1, 8)]
    [InlineData(8, 3, 2)]
    [InlineData(2, 4, 1)]
    [InlineData(1, 1, 1)]
    public void ThreadsPerRun_CoresAndParallelRuns_IsCoresOverRunsAtLeastOne(int cores, int parallel, int expected) =>
        Assert.Equal(expected, PipelineRunner.ThreadsPerRun(cores, parallel));
}
