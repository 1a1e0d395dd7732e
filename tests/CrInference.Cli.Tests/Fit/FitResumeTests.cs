using System.Diagnostics;
using System.Text.Json.Nodes;
using CrInference.Cli.Tests.Pipelines;
using CrInference.Runs.Fit;
using CrInference.Runs.Lifecycle;
using CrInference.Storage.Parquet;

namespace CrInference.Cli.Tests.Fit;

/// <summary>
/// <c>--resume</c>: an interrupted run, continued, ends in the same bytes as an uninterrupted one;
/// a changed prior file or data file is refused.
/// </summary>
public sealed class FitResumeTests
{
    [Fact]
    public async Task Resume_AfterSimulatedCrash_WritesTheBytesOfAnUninterruptedRun()
    {
        using var folder = new TemporaryDirectory();
        string prior = folder.Write("p.yaml", FitPriorFiles.LogUniform(walkers: 8, steps: 730));
        string reference = folder.File("reference");
        string crashed = folder.File("crashed");
        Assert.Equal(0, CliRunner.Run("fit", prior, "--out", reference, "--threads", "1").Exit);

        // Stop once the third block is durable, as a crash right after it would.
        int exit = await StopAfterBlocks(prior, crashed, 3);

        Assert.Equal(RunDefaults.InterruptedExitCode, exit);
        Assert.False(File.Exists(Path.Combine(crashed, "chains.parquet")));
        Assert.True(File.Exists(Path.Combine(crashed, "checkpoint.bin")));
        Assert.Equal(3, Directory.GetFiles(Path.Combine(crashed, "parts"), "block-*.parquet").Length);
        // What a kill can leave besides: a complete part the checkpoint does not cover yet and a torn temp file.
        File.Copy(Path.Combine(crashed, "parts", "block-000002.parquet"), Path.Combine(crashed, "parts", "block-000003.parquet"));
        File.WriteAllBytes(Path.Combine(crashed, "parts", "block-000004.parquet.tmp"), [1, 2, 3]);

        var resumed = CliRunner.Run("fit", prior, "--out", crashed, "--resume", "--threads", "2");

        Assert.True(resumed.Exit == 0, resumed.Out + resumed.Error);
        Assert.Equal(File.ReadAllBytes(Path.Combine(reference, "chains.parquet")), File.ReadAllBytes(Path.Combine(crashed, "chains.parquet")));
        Assert.Equal(File.ReadAllText(Path.Combine(reference, "manifest.json")), File.ReadAllText(Path.Combine(crashed, "manifest.json")));
        Assert.False(Directory.Exists(Path.Combine(crashed, "parts")));
        Assert.False(File.Exists(Path.Combine(crashed, "checkpoint.bin")));
        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(crashed, "summary.json")))!;
        Assert.Equal(2, (int)summary["timing"]!["sessions"]!);
    }

    [Fact]
    public async Task Resume_InsideTheLaggingWalkerRelocation_WritesTheBytesOfAnUninterruptedRun()
    {
        using var folder = new TemporaryDirectory();
        // Walkers start from the prior box [−10, 10]² around a posterior of width 0.001: at the checks of steps 50, 100, …
        // before step 0.5 × 730 = 365, those still far out lag by many e-folds and are moved.
        string prior = folder.Write("p.yaml", """
            model: test/gaussian
            params:
              x1: { prior: uniform, min: -10, max: 10 }
              x2: { prior: uniform, min: -10, max: 10 }
            problem: { dimension: 2, mean: 2, sigma: 0.001 }
            sampler: { walkers: 8, steps: 730, seed: 11, relocate_lagging: 0.5, moves: { stretch: 0.7, de: 0.3 } }
            """);
        string reference = folder.File("reference");
        string crashed = folder.File("crashed");
        var first = CliRunner.Run("fit", prior, "--out", reference, "--threads", "1");
        Assert.True(first.Exit == 0, first.Out + first.Error);
        Assert.Contains("burn-in: moved", first.Out, StringComparison.Ordinal);

        // Stop at step 200, between the relocation checks of steps 150 and 250.
        Assert.Equal(RunDefaults.InterruptedExitCode, await StopAfterBlocks(prior, crashed, 2));
        var resumed = CliRunner.Run("fit", prior, "--out", crashed, "--resume", "--threads", "2");

        Assert.True(resumed.Exit == 0, resumed.Out + resumed.Error);
        Assert.Equal(File.ReadAllBytes(Path.Combine(reference, "chains.parquet")), File.ReadAllBytes(Path.Combine(crashed, "chains.parquet")));
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(crashed, "manifest.json")))!;
        Assert.Equal(365, (long)manifest["sampler"]!["relocate_lagging_until_step"]!);
        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(crashed, "summary.json")))!;
        Assert.True((int)summary["burn_in"]!["steps_discarded"]! >= 365, "the relocation phase is burn-in");
    }

    [Fact]
    public async Task Resume_UntilConvergedAfterSimulatedCrash_StopsWhereTheUninterruptedRunStops()
    {
        using var folder = new TemporaryDirectory();
        string prior = folder.Write("p.yaml", FitPriorFiles.LogUniform(walkers: 8, steps: 20000, seed: 5));
        string reference = folder.File("reference");
        string crashed = folder.File("crashed");
        var first = CliRunner.Run("fit", prior, "--out", reference, "--until-converged", "--threads", "1");
        Assert.True(first.Exit == 0, first.Error);
        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(reference, "summary.json")))!;
        Assert.StartsWith("converged", (string)summary["sampler"]!["stop_reason"]!, StringComparison.Ordinal);
        int stored = (int)summary["sampler"]!["steps_stored"]!;
        Assert.True(stored < 20000 && stored >= 600, $"converged after {stored} steps");

        Assert.Equal(RunDefaults.InterruptedExitCode, await StopAfterBlocks(prior, crashed, stored / 100 - 2, untilConverged: true));
        // The original run's --until-converged carries over: the resume does not repeat it.
        var resumed = CliRunner.Run("fit", prior, "--out", crashed, "--resume", "--threads", "1");

        Assert.True(resumed.Exit == 0, resumed.Out + resumed.Error);
        Assert.Equal(File.ReadAllBytes(Path.Combine(reference, "chains.parquet")), File.ReadAllBytes(Path.Combine(crashed, "chains.parquet")));
    }

    [Fact]
    public async Task Resume_AfterKill9_WritesTheBytesOfAnUninterruptedRun()
    {
        using var folder = new TemporaryDirectory();
        string prior = folder.Write("p.yaml", FitPriorFiles.LogUniform(walkers: 8, steps: 10000, seed: 2));
        string reference = folder.File("reference");
        string killed = folder.File("killed");
        string firstPart = Path.Combine(killed, "parts", "block-000000.parquet");
        // Paused right after its first block is stored (crash point 7), the run is provably in flight when it is killed.
        var environment = new Dictionary<string, string>
        {
            [CrashPoints.PauseVariable] = "7",
            [CrashPoints.ReleaseVariable] = folder.File("never-released"),
        };

        using (var process = Crinf.Start(["fit", prior, "--out", killed, "--threads", "1"], environment))
        {
            string? line;
            while ((line = await process.StandardError.ReadLineAsync()) is not null && !line.StartsWith(CrashPoints.PausePrefix, StringComparison.Ordinal))
            {
            }
            Assert.NotNull(line);
            process.Kill(entireProcessTree: true);   // SIGKILL: no handler runs
            await process.WaitForExitAsync();
            Assert.True(File.Exists(firstPart), "the run stored no block before the kill");
        }
        Assert.False(File.Exists(Path.Combine(killed, "chains.parquet")), "the run finished before the kill; make it longer");

        var resumed = CliRunner.Run("fit", prior, "--out", killed, "--resume", "--threads", "2");
        var uninterrupted = CliRunner.Run("fit", prior, "--out", reference, "--threads", "2");

        Assert.True(resumed.Exit == 0, resumed.Out + resumed.Error);
        Assert.True(uninterrupted.Exit == 0, uninterrupted.Error);
        Assert.Equal(File.ReadAllBytes(Path.Combine(reference, "chains.parquet")), File.ReadAllBytes(Path.Combine(killed, "chains.parquet")));
    }

    [Fact]
    public async Task Fit_SigInt_StopsOnABlockBoundaryAndTheResumeWritesTheBytesOfAnUninterruptedRun()
    {
        using var folder = new TemporaryDirectory();
        string prior = folder.Write("p.yaml", FitPriorFiles.LogUniform(walkers: 8, steps: 10000, seed: 4));
        string reference = folder.File("reference");
        string interrupted = folder.File("interrupted");
        string release = folder.File("release");
        // The run pauses at the rename that stores its first block (crash point 7: manifest and prior file written and
        // renamed, then the block's write, flush and rename), so the signal provably arrives while it is in flight; it
        // resumes only once the handler's notice is on standard error. No timing is involved.
        var environment = new Dictionary<string, string>
        {
            [CrashPoints.PauseVariable] = "7",
            [CrashPoints.ReleaseVariable] = release,
        };

        string stdout, stderr;
        using (var process = Crinf.Start(["fit", prior, "--out", interrupted, "--threads", "1"], environment))
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = new System.Text.StringBuilder();
            // A guard, not a timing assumption: a child that never prints the line fails the test instead of hanging it.
            using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            async Task<bool> ReadUntil(string text)
            {
                try
                {
                    string? line;
                    while ((line = await process.StandardError.ReadLineAsync(guard.Token)) is not null)
                    {
                        error.AppendLine(line);
                        if (line.Contains(text, StringComparison.Ordinal)) return true;
                    }
                }
                catch (OperationCanceledException)
                {
                    process.Kill(entireProcessTree: true);
                }
                return false;
            }
            Assert.True(await ReadUntil(CrashPoints.PausePrefix + "7"), "the run never paused: " + error);
            Assert.True(File.Exists(Path.Combine(interrupted, "parts", "block-000000.parquet")), "no block stored at the pause: " + error);
            // Ctrl-C's SIGINT, unless this test runs under a non-interactive shell's background job, whose children inherit
            // SIGINT ignored (POSIX) and so can never see a Ctrl-C: then SIGTERM, which the same handler stops on.
            string name = SignalIgnored(process.Id, 2) ? "-TERM" : "-INT";
            using (var signal = Process.Start("kill", [name, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await signal.WaitForExitAsync();
            Assert.True(await ReadUntil("stopping after the current block"), "no stop notice: " + error);
            File.WriteAllText(release, "");
            error.Append(await process.StandardError.ReadToEndAsync());
            await process.WaitForExitAsync();
            stdout = await output;
            stderr = error.ToString();
            Assert.True(process.ExitCode == RunDefaults.InterruptedExitCode, $"exit {process.ExitCode}: {stdout} {stderr}");
        }
        Assert.Contains("--resume", stdout, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(interrupted, "chains.parquet")));
        Assert.Empty(Directory.GetFiles(Path.Combine(interrupted, "parts"), "*.tmp"));

        var resumed = CliRunner.Run("fit", prior, "--out", interrupted, "--resume", "--threads", "2");
        var uninterrupted = CliRunner.Run("fit", prior, "--out", reference, "--threads", "2");

        Assert.True(resumed.Exit == 0, resumed.Out + resumed.Error);
        Assert.True(uninterrupted.Exit == 0, uninterrupted.Error);
        Assert.Equal(File.ReadAllBytes(Path.Combine(reference, "chains.parquet")), File.ReadAllBytes(Path.Combine(interrupted, "chains.parquet")));
    }

    [Fact]
    public async Task Resume_PriorFileChanged_IsRefusedNamingTheKey()
    {
        using var folder = new TemporaryDirectory();
        string prior = folder.Write("p.yaml", FitPriorFiles.LogUniform(walkers: 8, steps: 500));
        string run = folder.File("run");
        Assert.Equal(RunDefaults.InterruptedExitCode, await StopAfterBlocks(prior, run, 1));
        File.WriteAllText(prior, File.ReadAllText(prior).Replace("max: 100", "max: 50", StringComparison.Ordinal));

        var (exit, _, error) = CliRunner.Run("fit", prior, "--out", run, "--resume");

        Assert.Equal(2, exit);
        Assert.StartsWith("error: cannot resume ", error, StringComparison.Ordinal);
        Assert.Contains("params.x2.max: 100 -> 50", error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
        Assert.True(File.Exists(Path.Combine(run, "checkpoint.bin")), "the refused resume must leave the run as it was");
    }

    [Fact]
    public async Task Resume_WalkersGivenOnTheFirstRun_CarryOverAndAnotherValueIsRefused()
    {
        using var folder = new TemporaryDirectory();
        string prior = folder.Write("p.yaml", FitPriorFiles.LogUniform(walkers: 8, steps: 300));
        string run = folder.File("run");
        Assert.Equal(RunDefaults.InterruptedExitCode, await StopAfterBlocks(prior, run, 1, walkers: 12));

        var other = CliRunner.Run("fit", prior, "--out", run, "--resume", "--walkers", "16");
        var same = CliRunner.Run("fit", prior, "--out", run, "--resume");

        Assert.Equal(2, other.Exit);
        Assert.Contains("sampler.walkers: 12 -> 16", other.Error, StringComparison.Ordinal);
        Assert.True(same.Exit == 0, same.Error);
        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(run, "summary.json")))!;
        Assert.Equal(12, (int)summary["sampler"]!["walkers"]!);
    }

    [Fact]
    public void Fit_ExistingRunWithoutResume_IsRefused_ResumeOfNothing_StartsTheRun()
    {
        using var folder = new TemporaryDirectory();
        string prior = folder.Write("p.yaml", FitPriorFiles.LogUniform(walkers: 8, steps: 100));
        string run = folder.File("run");
        Assert.Equal(0, CliRunner.Run("fit", prior, "--out", run).Exit);
        byte[] before = File.ReadAllBytes(Path.Combine(run, "chains.parquet"));

        var again = CliRunner.Run("fit", prior, "--out", run);
        var nothing = CliRunner.Run("fit", prior, "--out", folder.File("empty"), "--resume");
        var complete = CliRunner.Run("fit", prior, "--out", run, "--resume");

        Assert.Equal(2, again.Exit);
        Assert.Contains("already holds a finished run (chains.parquet)", again.Error, StringComparison.Ordinal);
        Assert.Contains("--out DIR", again.Error, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(Path.Combine(run, "chains.parquet")));
        Assert.Equal(0, nothing.Exit);
        Assert.Contains("holds no run yet; starting it", nothing.Error, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(Path.Combine(folder.File("empty"), "chains.parquet")));
        Assert.Equal(0, complete.Exit);
        Assert.Contains("already complete", complete.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fit_InterruptedRunWithoutResume_IsRefusedWithTheResumeHint()
    {
        using var folder = new TemporaryDirectory();
        string prior = folder.Write("p.yaml", FitPriorFiles.LogUniform(walkers: 8, steps: 300));
        string run = folder.File("run");
        var output = new StringWriter();
        Assert.Equal(RunDefaults.InterruptedExitCode, await StopAfterBlocks(prior, run, 1, output: output));

        var again = CliRunner.Run("fit", prior, "--out", run);

        Assert.Contains("--resume", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(2, again.Exit);
        Assert.Contains("holds an interrupted run", again.Error, StringComparison.Ordinal);
        Assert.Contains("--resume", again.Error, StringComparison.Ordinal);
    }

    /// <summary>Runs a fit in-process and stops it once <paramref name="blocks"/> blocks are stored (as Ctrl-C would).</summary>
    private static async Task<int> StopAfterBlocks(string prior, string run, int blocks, bool untilConverged = false, int? walkers = null, TextWriter? output = null)
    {
        _ = TestRepository.Root;
        using var stop = new CancellationTokenSource();
        var options = new FitOptions(prior)
        {
            OutputDirectory = run,
            Threads = 1,
            Walkers = walkers,
            UntilConverged = untilConverged,
            BlockStored = n =>
            {
                if (n == blocks) stop.Cancel();
            },
        };
        return await RunLifecycle.ExecuteAsync(FitRunKind.Instance, options, output ?? TextWriter.Null, stop.Token);
    }

    /// <summary>Whether process <paramref name="pid"/> ignores signal <paramref name="number"/> (the SigIgn mask of /proc).</summary>
    private static bool SignalIgnored(int pid, int number)
    {
        string? mask = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        return mask is not null && (Convert.ToUInt64(mask["SigIgn:".Length..].Trim(), 16) & (1UL << (number - 1))) != 0;
    }
}
