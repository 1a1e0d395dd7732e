using System.Diagnostics;
using System.Text.Json.Nodes;

namespace CrInference.Cli.Tests.Pipelines;

/// <summary>
/// <c>crinf pipeline run</c> end to end, with the runs as child processes: the smoke pipeline
/// completes and a rerun changes nothing; a runner killed with its children (kill -9) completes on
/// the next run with chains byte-identical to an uninterrupted pipeline; changed inputs move the old
/// results aside and rerun.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class PipelineRunTests : IDisposable
{
    private readonly ScratchFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static readonly string[] SmokeFits = ["gaussian-3d", "gaussian-3d-seed2", "rosenbrock-2d", "egg-box", "phenomenological-tiny"];

    [Fact]
    public void Run_SmokePipeline_CompletesAndARerunRewritesNothing()
    {
        string results = _folder.File("results");
        string smoke = Path.Combine(Crinf.Root, "pipelines", "smoke.yaml");

        var first = Crinf.Run(["pipeline", "run", smoke, "--jobs", "2", "--results", results], 600);

        Expect.Success(first);
        string pipeline = Path.Combine(results, "smoke");
        foreach (string run in SmokeFits.Append("gaussian-3d-z"))
        {
            string result = run.EndsWith("-z", StringComparison.Ordinal) ? "evidence.json" : "chains.parquet";
            foreach (string file in new[] { result, "summary.md", "manifest.json", "input.yaml", "pipeline-run.json" })
            {
                Assert.True(File.Exists(Path.Combine(pipeline, run, file)), $"{run}/{file} missing\n{first.Out}");
            }
            var record = JsonNode.Parse(File.ReadAllText(Path.Combine(pipeline, run, "pipeline-run.json")))!;
            Assert.Equal("done", (string?)record["state"]);
            // 2 cores, 2 runs at a time: max(1, 2 / 2) = 1 thread each (more where the machine has more cores).
            Assert.Equal(Math.Max(1, Environment.ProcessorCount / 2), (int)record["sessions"]![0]!["threads"]!);
        }
        // The datasets override rewrites only the datasets key of the prior file.
        Assert.Contains("datasets: [ams02-bc-2021, ams02-p-2021]\n", File.ReadAllText(Path.Combine(pipeline, "phenomenological-tiny", "input.yaml")), StringComparison.Ordinal);
        Assert.Equal(File.ReadAllText(Path.Combine(Crinf.Root, "priors/tests/gaussian-3d.yaml")), File.ReadAllText(Path.Combine(pipeline, "gaussian-3d", "input.yaml")));
        string report = File.ReadAllText(Path.Combine(pipeline, "report.md"));
        foreach (string run in SmokeFits.Append("gaussian-3d-z")) Assert.Contains($"[summary.md]({run}/summary.md)", report, StringComparison.Ordinal);
        Assert.Contains("![gaussian-3d vs gaussian-3d-seed2](report/corner-gaussian-3d-vs-gaussian-3d-seed2.png)", report, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(pipeline, "report", "corner-egg-box.png")));
        Assert.Contains("## Comparison", report, StringComparison.Ordinal);
        // The table of `crinf compare`, pasted in under the step's heading.
        Assert.Contains("### Model comparison", report, StringComparison.Ordinal);
        Assert.Contains("| `gaussian-3d-z` | `test/gaussian` | nested |", report, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(pipeline, "report", "compare.csv")));
        Assert.Contains("Wall time of the runs:", report, StringComparison.Ordinal);

        var before = _folder.Snapshot();
        var second = Crinf.Run(["pipeline", "run", smoke, "--jobs", "2", "--results", results], 120);

        Expect.Success(second);
        Assert.Contains("all 6 runs are up to date", second.Out, StringComparison.Ordinal);
        Assert.Contains("report is up to date", second.Out, StringComparison.Ordinal);
        Assert.Equal(before, _folder.Snapshot());

        var status = Crinf.Run("pipeline", "status", smoke, "--results", results);
        Expect.Success(status);
        Assert.Contains("6 of 6 runs done", status.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_KilledMidWayWithItsChildren_RerunCompletesWithIdenticalChains()
    {
        string file = _folder.Write("kill.yaml", """
            name: kill
            runs:
              - { name: gauss, prior: priors/tests/gaussian-3d.yaml, method: fit, steps: 3000, seed: 4 }
              - { name: rosen, prior: priors/tests/rosenbrock-2d.yaml, method: fit, steps: 3000, walkers: 16, seed: 5 }
            """);
        // The chains' footer records the prior file's path (here input.yaml under the results root), so the
        // uninterrupted reference runs in the same folder first and is moved away.
        string killed = _folder.File("results");
        Expect.Success(Crinf.Run(["pipeline", "run", file, "--jobs", "1", "--results", killed], 600));
        foreach (string run in new[] { "gauss", "rosen" })
        {
            File.Move(Path.Combine(killed, "kill", run, "chains.parquet"), _folder.File($"reference-{run}.parquet"));
        }
        Directory.Delete(killed, recursive: true);

        using (var runner = Crinf.Start(["pipeline", "run", file, "--jobs", "2", "--results", killed]))
        {
            var drain = Task.WhenAll(runner.StandardOutput.ReadToEndAsync(), runner.StandardError.ReadToEndAsync());
            var clock = Stopwatch.StartNew();
            // Kill once both runs have stored two blocks and neither has finished.
            while (!(Parts(killed, "gauss") >= 2 && Parts(killed, "rosen") >= 2))
            {
                if (runner.HasExited) Assert.Fail("the pipeline finished before it could be killed:\n" + string.Join('\n', await drain));
                Assert.True(clock.Elapsed < TimeSpan.FromMinutes(3), "no blocks stored after 3 minutes");
                await Task.Delay(50);
            }
            runner.Kill(entireProcessTree: true);
            await runner.WaitForExitAsync();
            await drain;
        }
        foreach (string run in new[] { "gauss", "rosen" })
        {
            Assert.False(File.Exists(Path.Combine(killed, "kill", run, "chains.parquet")), $"{run} finished before the kill");
            int pid = (int)JsonNode.Parse(File.ReadAllText(Path.Combine(killed, "kill", run, "pipeline-run.json")))!["sessions"]![0]!["pid"]!;
            await WaitUntil(() => !Directory.Exists($"/proc/{pid}"), $"fit of {run} (pid {pid}) still running after the kill");
        }
        var status = Crinf.Run("pipeline", "status", file, "--results", killed);
        Expect.Success(status);
        Assert.Contains("partial", status.Out, StringComparison.Ordinal);
        Assert.Contains(" of 3000 steps", status.Out, StringComparison.Ordinal);

        var rerun = Crinf.Run(["pipeline", "run", file, "--jobs", "2", "--results", killed], 600);
        Expect.Success(rerun);
        Assert.Contains("[gauss] resuming", rerun.Out, StringComparison.Ordinal);
        Assert.Contains("[rosen] resuming", rerun.Out, StringComparison.Ordinal);

        foreach (string run in new[] { "gauss", "rosen" })
        {
            Assert.Equal(File.ReadAllBytes(_folder.File($"reference-{run}.parquet")), File.ReadAllBytes(Path.Combine(killed, "kill", run, "chains.parquet")));
        }
    }

    [Fact]
    public void Run_ChangedOverride_MovesTheOldRunAsideAndRerunsOnlyIt()
    {
        string results = _folder.File("results");
        const string template = """
            name: change
            runs:
              - { name: a, prior: priors/tests/gaussian-3d.yaml, method: fit, steps: STEPS, walkers: 8 }
              - { name: b, prior: priors/tests/rosenbrock-2d.yaml, method: fit, steps: 100, walkers: 8 }
            """;
        string file = _folder.Write("change.yaml", template.Replace("STEPS", "100", StringComparison.Ordinal));
        Expect.Success(Crinf.Run("pipeline", "run", file, "--results", results));
        string b = Path.Combine(results, "change", "b", "chains.parquet");
        var bTime = File.GetLastWriteTimeUtc(b);

        _folder.Write("change.yaml", template.Replace("STEPS", "200", StringComparison.Ordinal));
        var second = Crinf.Run("pipeline", "run", file, "--results", results);

        Expect.Success(second);
        Assert.Contains("a                        restart (inputs changed: overrides.steps (100 -> 200))", second.Out, StringComparison.Ordinal);
        Assert.Contains("b                        up to date", second.Out, StringComparison.Ordinal);
        string aside = Assert.Single(Directory.GetDirectories(Path.Combine(results, "change", "superseded")));
        Assert.StartsWith("a-", Path.GetFileName(aside), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(aside, "chains.parquet")));
        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(results, "change", "a", "summary.json")))!;
        Assert.Equal(200, (int)summary["sampler"]!["steps_stored"]!);
        Assert.Equal(bTime, File.GetLastWriteTimeUtc(b));
    }

    [Fact]
    public void RunOne_ByIndex_RunsThatRunOnlyAndSkipsItWhenDone()
    {
        string results = _folder.File("results");
        string file = _folder.Write("one.yaml", """
            name: one
            runs:
              - { name: a, prior: priors/tests/gaussian-3d.yaml, method: fit, steps: 100, walkers: 8 }
              - { name: b, prior: priors/tests/rosenbrock-2d.yaml, method: fit, steps: 100, walkers: 8 }
            """);

        var first = Crinf.Run("pipeline", "run-one", file, "--run-index", "1", "--threads", "1", "--results", results);
        var again = Crinf.Run("pipeline", "run-one", file, "--run-index", "1", "--threads", "1", "--results", results);
        var bad = Crinf.Run("pipeline", "run-one", file, "--run-index", "2", "--results", results);

        Expect.Success(first);
        Assert.True(File.Exists(Path.Combine(results, "one", "b", "chains.parquet")));
        Assert.False(Directory.Exists(Path.Combine(results, "one", "a")));
        Expect.Success(again);
        Assert.Contains("[b] up to date", again.Out, StringComparison.Ordinal);
        Assert.Equal(2, bad.Exit);
        Assert.Equal("error: --run-index 2: pipeline one has runs 0 to 1\n", bad.Error);
    }

    [Fact]
    public void Run_FailingRun_ExitsWith1AndStatusShowsTheLastLogLine()
    {
        string results = _folder.File("results");
        string file = _folder.Write("fail.yaml", """
            name: fail
            runs:
              - { name: ok, prior: priors/tests/gaussian-3d.yaml, method: fit, steps: 100, walkers: 8 }
              - { name: bad, prior: priors/tests/gaussian-3d.yaml, method: fit, steps: 100, walkers: 4 }
            """);

        var run = Crinf.Run("pipeline", "run", file, "--results", results);
        var status = Crinf.Run("pipeline", "status", file, "--results", results);

        Assert.Equal(1, run.Exit);
        Assert.Contains("[bad] failed (exit 2): error: --walkers 4: too few for 3 free parameters", run.Out, StringComparison.Ordinal);
        Assert.Contains("the report leaves them out", run.Out, StringComparison.Ordinal);
        Assert.Contains("**Partial report: 1 of 2 runs are not done (bad)", File.ReadAllText(Path.Combine(results, "fail", "report.md")), StringComparison.Ordinal);
        Expect.Success(status);
        string line = status.Out.Split('\n').Single(l => l.TrimStart().StartsWith("bad ", StringComparison.Ordinal));
        Assert.Matches(@"^\s+bad\s+fit\s+failed\s+exit 2: error: --walkers 4: too few for 3 free parameters", line);
        Assert.Contains("1 of 2 runs done", status.Out, StringComparison.Ordinal);
    }

    private static int Parts(string results, string run)
    {
        string parts = Path.Combine(results, "kill", run, "parts");
        return Directory.Exists(parts) ? Directory.GetFiles(parts, "block-*.parquet").Length : 0;
    }

    private static async Task WaitUntil(Func<bool> condition, string message)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), message);
            await Task.Delay(50);
        }
    }
}
