namespace CrInference.Cli.Tests.Pipelines;

/// <summary>
/// A calibration run in a pipeline (<c>method: sbc</c>): split into chunks it becomes one run (one Slurm array task)
/// per chunk, and the <c>sbc</c> report step gathers the chunks into a report with the bytes of an unsplit
/// <c>crinf sbc</c> run.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class SbcPipelineTests : IDisposable
{
    private const string Pipeline = """
        name: calib
        runs:
          - { name: cg, prior: priors/tests/conjugate-gaussian-5d.yaml, method: sbc, replicates: 6, chunks: 2, steps: 200, walkers: 16, seed: 3 }
        report:
          - sbc
        """;

    private readonly ScratchFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    // Runs the pipeline file (calibration run "cg" of the conjugate 5-D problem) and one unsplit `crinf sbc` with
    // sbcArguments; the gathered report has the same bytes in files (the .md names the prior file it was made from, the
    // pipeline's input.yaml, so it differs in that line only). Returns the results folder.
    private string RunAndCompareWithOneRun(string pipelineFile, string pipeline, string[] sbcArguments, string[] files)
    {
        string results = _folder.File("results");
        var run = Crinf.Run(["pipeline", "run", pipelineFile, "--jobs", "2", "--results", results], 600);
        var whole = Crinf.Run(["sbc", "priors/tests/conjugate-gaussian-5d.yaml", .. sbcArguments, "--threads", "1", "--out", _folder.File("whole")], 600);

        Expect.Success(run);
        Expect.Success(whole);
        string gathered = Path.Combine(results, pipeline, "report", "sbc-cg");
        foreach (string name in files)
        {
            Assert.Equal(File.ReadAllText(Path.Combine(_folder.File("whole"), name)), File.ReadAllText(Path.Combine(gathered, name)));
        }
        return results;
    }

    [Fact]
    public void Run_ChunkedCalibration_GathersIntoTheBytesOfOneRun()
    {
        string file = _folder.Write("calib.yaml", Pipeline);
        string results = RunAndCompareWithOneRun(file, "calib", ["--replicates", "6", "--steps", "200", "--walkers", "16", "--seed", "3"],
            ["sbc.csv", "sbc-summary.json"]);

        Assert.True(File.Exists(Path.Combine(results, "calib", "cg-chunk-0", "chunk.json")));
        string report = File.ReadAllText(Path.Combine(results, "calib", "report.md"));
        Assert.Contains("## Calibration", report, StringComparison.Ordinal);
        Assert.Contains("![SBC ranks of cg](report/sbc-cg/sbc.png)", report, StringComparison.Ordinal);
        Assert.Contains("chunk 1 of 2: 3 of 6 replicates", report, StringComparison.Ordinal);

        var again = Crinf.Run(["pipeline", "run", file, "--jobs", "2", "--results", results], 120);
        Expect.Success(again);
        Assert.Contains("all 2 runs are up to date", again.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void SubmitSlurm_ChunkedCalibration_IsOneArrayTaskPerChunk()
    {
        string results = _folder.File("results");
        string file = _folder.Write("calib.yaml", Pipeline);

        var result = Crinf.Run("pipeline", "submit", file, "--slurm", "--dry-run", "--results", results);

        Expect.Success(result);
        string array = File.ReadAllText(Path.Combine(results, "calib", "slurm", "runs.sbatch"));
        Assert.Contains("#SBATCH --array=0-1\n", array, StringComparison.Ordinal);
        Assert.Contains("#     0 = cg-chunk-0 (sbc priors/tests/conjugate-gaussian-5d.yaml)", array, StringComparison.Ordinal);
        Assert.Contains("#     1 = cg-chunk-1 (sbc priors/tests/conjugate-gaussian-5d.yaml)", array, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_ChunkedInjectionWithPriorStarts_GathersIntoTheBytesOfOneRun()
    {
        string file = _folder.Write("inject.yaml", """
            name: inject
            runs:
              - { name: cg, prior: priors/tests/conjugate-gaussian-5d.yaml, method: sbc, replicates: 2, chunks: 2, steps: 200, walkers: 16, seed: 5, starts: prior, truths: [priors/truths/conjugate-gaussian-5d.yaml] }
            report:
              - sbc
            """);

        string results = RunAndCompareWithOneRun(file, "inject", ["--replicates", "2", "--steps", "200", "--walkers", "16", "--seed", "5",
            "--starts", "prior", "--truth", "priors/truths/conjugate-gaussian-5d.yaml"], ["injection.csv", "injection-summary.json"]);

        string manifest = File.ReadAllText(Path.Combine(results, "inject", "cg-chunk-0", "manifest.json"));
        Assert.Contains("\"starts\": \"prior\"", manifest, StringComparison.Ordinal);
        Assert.Contains("Did the chain reach the truth's mode?", File.ReadAllText(Path.Combine(results, "inject", "report.md")), StringComparison.Ordinal);
    }
}
