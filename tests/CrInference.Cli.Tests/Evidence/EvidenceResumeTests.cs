using System.Diagnostics;
using CrInference.Cli.Tests.Pipelines;
using CrInference.Runs.Evidence;
using CrInference.Runs.Lifecycle;

namespace CrInference.Cli.Tests.Evidence;

/// <summary>
/// Same seed ⇒ same results: for any thread count, and across an interruption (Ctrl-C or kill -9) and
/// <c>--resume</c>: samples.parquet byte for byte, evidence.json number for number (wall time and sessions aside).
/// </summary>
public sealed class EvidenceResumeTests
{
    private static string Prior(string name) => TestRepository.PathOf($"priors/tests/{name}.yaml");

    [Fact]
    public void Nested_ThreadsOneAndTwo_WriteIdenticalResults()
    {
        using var folder = new TemporaryDirectory();
        string one = folder.File("one"), two = folder.File("two");

        var a = CliRunner.Run("evidence", Prior("gaussian-3d"), "--out", one, "--threads", "1", "--live", "200");
        var b = CliRunner.Run("evidence", Prior("gaussian-3d"), "--out", two, "--threads", "2", "--live", "200");

        Assert.True(a.Exit == 0, a.Out + a.Error);
        Assert.True(b.Exit == 0, b.Out + b.Error);
        Assert.Equal(File.ReadAllBytes(Path.Combine(one, "samples.parquet")), File.ReadAllBytes(Path.Combine(two, "samples.parquet")));
        Assert.Equal(EvidenceTestSupport.NumbersOf(one), EvidenceTestSupport.NumbersOf(two));
        Assert.Equal(File.ReadAllText(Path.Combine(one, "manifest.json")), File.ReadAllText(Path.Combine(two, "manifest.json")));
    }

    [Fact]
    public void Pt_ThreadsOneAndTwo_WriteIdenticalResults()
    {
        using var folder = new TemporaryDirectory();
        string one = folder.File("one"), two = folder.File("two");
        string[] settings = ["--method", "pt", "--temperatures", "6", "--burn-in", "100", "--steps", "200"];

        var a = CliRunner.Run(["evidence", Prior("conjugate-gaussian-5d"), "--out", one, "--threads", "1", .. settings]);
        var b = CliRunner.Run(["evidence", Prior("conjugate-gaussian-5d"), "--out", two, "--threads", "2", .. settings]);

        Assert.True(a.Exit == 0, a.Out + a.Error);
        Assert.True(b.Exit == 0, b.Out + b.Error);
        Assert.Equal(File.ReadAllBytes(Path.Combine(one, "samples.parquet")), File.ReadAllBytes(Path.Combine(two, "samples.parquet")));
        Assert.Equal(EvidenceTestSupport.NumbersOf(one), EvidenceTestSupport.NumbersOf(two));
    }

    [Fact]
    public async Task Nested_InterruptedThenResumed_EqualsTheUninterruptedRun()
    {
        using var folder = new TemporaryDirectory();
        string reference = folder.File("reference"), interrupted = folder.File("interrupted");
        var uninterrupted = CliRunner.Run("evidence", Prior("gaussian-shell-2d"), "--out", reference, "--threads", "2", "--live", "200");
        Assert.True(uninterrupted.Exit == 0, uninterrupted.Error);

        // Stop after the third checkpoint (initial live points, then every 300 iterations).
        int exit = await EvidenceTestSupport.StopAfterCheckpoints(Prior("gaussian-shell-2d"), interrupted, 3, NestedRunKind.Instance, interval: 300, live: 200);

        Assert.Equal(RunDefaults.InterruptedExitCode, exit);
        Assert.True(File.Exists(Path.Combine(interrupted, "checkpoint-nested.json")));
        Assert.False(File.Exists(Path.Combine(interrupted, "evidence.json")));
        var again = CliRunner.Run("evidence", Prior("gaussian-shell-2d"), "--out", interrupted, "--live", "200");
        Assert.Equal(2, again.Exit);
        Assert.Contains("--resume", again.Error, StringComparison.Ordinal);

        // --live carries over from the interrupted run's command line; another thread count changes nothing.
        var resumed = CliRunner.Run("evidence", Prior("gaussian-shell-2d"), "--out", interrupted, "--resume", "--threads", "1");

        Assert.True(resumed.Exit == 0, resumed.Out + resumed.Error);
        Assert.Contains("resuming at iteration", resumed.Out, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllBytes(Path.Combine(reference, "samples.parquet")), File.ReadAllBytes(Path.Combine(interrupted, "samples.parquet")));
        Assert.Equal(EvidenceTestSupport.NumbersOf(reference), EvidenceTestSupport.NumbersOf(interrupted));
        Assert.Equal(2, (int)EvidenceTestSupport.EvidenceOf(interrupted)["timing"]!["sessions"]!);
        Assert.False(File.Exists(Path.Combine(interrupted, "checkpoint-nested.json")));

        var complete = CliRunner.Run("evidence", Prior("gaussian-shell-2d"), "--out", interrupted, "--resume");
        Assert.Equal(0, complete.Exit);
        Assert.Contains("already complete", complete.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pt_InterruptedThenResumed_EqualsTheUninterruptedRun()
    {
        using var folder = new TemporaryDirectory();
        string reference = folder.File("reference"), interrupted = folder.File("interrupted");
        var uninterrupted = CliRunner.Run("evidence", Prior("conjugate-gaussian-5d"), "--method", "pt", "--temperatures", "6", "--burn-in", "100", "--steps", "200",
            "--out", reference, "--threads", "2");
        Assert.True(uninterrupted.Exit == 0, uninterrupted.Error);

        // Checkpoints at step 0 and every 50 steps (the library reports every 50 steps for a test problem);
        // the third falls in the production phase.
        int exit = await EvidenceTestSupport.StopAfterCheckpoints(Prior("conjugate-gaussian-5d"), interrupted, 4, TemperingRunKind.Instance, interval: 50,
            steps: 200, burnIn: 100, temperatures: 6);

        Assert.Equal(RunDefaults.InterruptedExitCode, exit);
        Assert.True(File.Exists(Path.Combine(interrupted, "checkpoint-pt.json")));
        var resumed = CliRunner.Run("evidence", Prior("conjugate-gaussian-5d"), "--out", interrupted, "--resume", "--method", "pt", "--threads", "1");

        Assert.True(resumed.Exit == 0, resumed.Out + resumed.Error);
        Assert.Contains("resuming at step 150", resumed.Out, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllBytes(Path.Combine(reference, "samples.parquet")), File.ReadAllBytes(Path.Combine(interrupted, "samples.parquet")));
        Assert.Equal(EvidenceTestSupport.NumbersOf(reference), EvidenceTestSupport.NumbersOf(interrupted));
    }

    [Fact]
    public async Task Nested_Kill9ThenResumed_EqualsTheUninterruptedRun()
    {
        using var folder = new TemporaryDirectory();
        string reference = folder.File("reference"), killed = folder.File("killed");
        string checkpoint = Path.Combine(killed, "checkpoint-nested.json");
        // 1000 live points: ~9000 iterations, checkpoints every 500 of them (the first right after the live
        // points are drawn); the kill comes after the second, long before the end.
        string[] settings = ["--live", "1000", "--checkpoint-every", "500"];

        using (var process = Crinf.Start(["evidence", Prior("gaussian-3d"), "--out", killed, "--threads", "1", .. settings]))
        {
            var clock = Stopwatch.StartNew();
            // Wait for a checkpoint beyond the initial one (its file is rewritten), then SIGKILL: no handler runs.
            DateTime? first = null;
            while (!process.HasExited && clock.Elapsed < TimeSpan.FromSeconds(120))
            {
                if (File.Exists(checkpoint))
                {
                    var written = File.GetLastWriteTimeUtc(checkpoint);
                    first ??= written;
                    if (written > first) break;
                }
                await Task.Delay(5);
            }
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Assert.True(File.Exists(checkpoint), "the run wrote no checkpoint before the kill: " + await process.StandardError.ReadToEndAsync());
        }
        Assert.False(File.Exists(Path.Combine(killed, "evidence.json")), "the run finished before the kill; make it longer");

        var resumed = CliRunner.Run(["evidence", Prior("gaussian-3d"), "--out", killed, "--resume", "--threads", "2"]);
        var uninterrupted = CliRunner.Run(["evidence", Prior("gaussian-3d"), "--out", reference, "--threads", "2", .. settings]);

        Assert.True(resumed.Exit == 0, resumed.Out + resumed.Error);
        Assert.True(uninterrupted.Exit == 0, uninterrupted.Error);
        Assert.Equal(File.ReadAllBytes(Path.Combine(reference, "samples.parquet")), File.ReadAllBytes(Path.Combine(killed, "samples.parquet")));
        Assert.Equal(EvidenceTestSupport.NumbersOf(reference), EvidenceTestSupport.NumbersOf(killed));
    }

    [Fact]
    public async Task Resume_PriorFileOrSettingChanged_IsRefusedNamingIt()
    {
        using var folder = new TemporaryDirectory();
        string prior = folder.Write("p.yaml", File.ReadAllText(Prior("gaussian-3d")));
        string run = folder.File("run");
        Assert.Equal(RunDefaults.InterruptedExitCode, await EvidenceTestSupport.StopAfterCheckpoints(prior, run, 2, NestedRunKind.Instance, interval: 200));

        var live = CliRunner.Run("evidence", prior, "--out", run, "--resume", "--live", "600");
        File.WriteAllText(prior, File.ReadAllText(prior).Replace("max: 10", "max: 11", StringComparison.Ordinal));
        var changed = CliRunner.Run("evidence", prior, "--out", run, "--resume");

        Assert.Equal(2, live.Exit);
        Assert.StartsWith("error: cannot resume ", live.Error, StringComparison.Ordinal);
        Assert.Contains("live: 500 -> 600", live.Error, StringComparison.Ordinal);
        Assert.Equal(2, changed.Exit);
        Assert.Contains("params.x1.max: 10 -> 11", changed.Error, StringComparison.Ordinal);
        Assert.Single(changed.Error.TrimEnd('\n').Split('\n'));
        Assert.True(File.Exists(Path.Combine(run, "checkpoint-nested.json")), "a refused resume leaves the run as it was");
    }
}
