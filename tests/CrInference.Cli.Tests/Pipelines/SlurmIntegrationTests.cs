using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace CrInference.Cli.Tests.Pipelines;

/// <summary>
/// A real single-node Slurm cluster on this machine (scripts/slurm/start-single-node.sh: Debian's
/// slurm-wlm and munge, installed with apt-get when missing): <c>pipelines/smoke.yaml</c> is submitted
/// with <c>crinf pipeline submit --slurm</c>, the array and the report job run, and the results and
/// the report and the job states Slurm itself reports (squeue keeps finished jobs for MinJobAge) are
/// checked. The cluster is stopped afterwards whatever happens (scripts/slurm/stop-single-node.sh),
/// leaving no daemon running. Skipped only where the packages cannot be installed (not Linux, not root,
/// no apt-get, no network to the mirror) — except in CI (<c>CI=true</c>, as <c>.ci/run</c> sets it) on
/// Linux as root, where a cluster that does not start fails the test with the reason, so that CI cannot
/// pass without it having run.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class SlurmIntegrationTests(ITestOutputHelper log) : IDisposable
{
    private readonly ScratchFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [SkippableFact]
    public void SubmitSlurm_SmokePipelineOnASingleNodeCluster_RunsEveryRunAndWritesTheReport()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "Slurm integration test: Linux only");
        // Short path: munge's socket path must fit a Unix socket address (108 bytes).
        string cluster = Path.Combine("/tmp", "crinf-slurm-" + Guid.NewGuid().ToString("N")[..8]);
        int port = FreePortPair();
        var environment = new Dictionary<string, string>
        {
            ["CRINF_SLURM_DIR"] = cluster,
            ["CRINF_SLURM_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["SLURM_CONF"] = Path.Combine(cluster, "etc", "slurm.conf"),
            ["PATH"] = Environment.GetEnvironmentVariable("PATH") + ":/usr/sbin:/sbin",
        };
        var start = Script("start-single-node.sh", cluster, environment, TimeSpan.FromMinutes(10));
        try
        {
            if (start.Exit == 3)
            {
                Assert.False(MustRun, $"CI=true on Linux as root: the single-node Slurm cluster must start, but it did not: {LastLine(start.Output)}\n{start.Output}");
                Skip.If(true, $"Slurm integration test skipped: slurm-wlm/munge cannot be installed here ({LastLine(start.Output)})");
            }
            Assert.True(start.Exit == 0, $"start-single-node.sh failed (exit {start.Exit}):\n{start.Output}");

            string results = _folder.File("results");
            string smoke = Path.Combine(Crinf.Root, "pipelines", "smoke.yaml");
            var clock = Stopwatch.StartNew();
            var submit = Crinf.Run(["pipeline", "submit", smoke, "--slurm", "--partition", "debug", "--time", "00:15:00", "--cpus-per-task", "1", "--results", results], 120, environment);
            Expect.Success(submit);
            Assert.Contains("submitted array job", submit.Out, StringComparison.Ordinal);
            var jobs = JsonNode.Parse(File.ReadAllText(Path.Combine(results, "smoke", "slurm", "jobs.json")))!;
            string arrayJob = (string)jobs["array_job"]!;
            string reportJob = (string)jobs["report_job"]!;
            Assert.Equal($"afterok:{arrayJob}", (string?)jobs["dependency"]);

            // Wait until squeue lists neither job (a failed task leaves the report job pending forever:
            // DependencyNeverSatisfied, which ends the wait too).
            string queue = "";
            while (clock.Elapsed < TimeSpan.FromMinutes(10))
            {
                queue = Command("squeue", ["-h", "-j", $"{arrayJob},{reportJob}", "-o", "%i %T %r"], environment).Output.Trim();
                if (queue.Length == 0 || queue.Contains("DependencyNeverSatisfied", StringComparison.Ordinal)) break;
                Thread.Sleep(1000);
            }
            double seconds = clock.Elapsed.TotalSeconds;
            string logs = Path.Combine(results, "smoke", "slurm", "logs");
            string logText = Directory.Exists(logs)
                ? string.Join('\n', Directory.GetFiles(logs).Order(StringComparer.Ordinal).Select(f => $"--- {Path.GetFileName(f)}\n{File.ReadAllText(f)}"))
                : "(no logs)";
            Assert.True(queue.Length == 0, $"jobs still queued after {seconds:0} s: {queue}\n{logText}");

            string pipeline = Path.Combine(results, "smoke");
            Assert.True(File.Exists(Path.Combine(pipeline, "report.md")), $"no report.md after {seconds:0} s\n{logText}");
            foreach (string run in new[] { "gaussian-3d", "gaussian-3d-seed2", "rosenbrock-2d", "egg-box", "phenomenological-tiny", "gaussian-3d-z" })
            {
                string result = run.EndsWith("-z", StringComparison.Ordinal) ? "evidence.json" : "chains.parquet";
                Assert.True(File.Exists(Path.Combine(pipeline, run, result)), $"{run}: no {result}\n{logText}");
                var session = JsonNode.Parse(File.ReadAllText(Path.Combine(pipeline, run, "pipeline-run.json")))!["sessions"]![0]!;
                Assert.StartsWith($"{arrayJob}_", (string?)session["slurm_job"], StringComparison.Ordinal);
                Assert.Equal(1, (int)session["threads"]!);
            }
            Assert.Contains("[summary.md](egg-box/summary.md)", File.ReadAllText(Path.Combine(pipeline, "report.md")), StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(logs, $"report-{reportJob}.out")), logText);

            var status = Crinf.Run(["pipeline", "status", smoke, "--results", results], 120, environment);
            Expect.Success(status);
            Assert.Contains("6 of 6 runs done", status.Out, StringComparison.Ordinal);
            // What Slurm itself says of the jobs (squeue -t all: accounting storage is off in this cluster, so sacct has no records).
            Assert.Contains($"slurm: report job {reportJob}: COMPLETED", status.Out, StringComparison.Ordinal);
            var runLines = status.Out.Split('\n').Where(l => l.Contains(" fit ", StringComparison.Ordinal) || l.Contains(" evidence ", StringComparison.Ordinal)).ToList();
            Assert.Equal(6, runLines.Count);
            Assert.All(runLines, line => Assert.EndsWith("[slurm COMPLETED]", line.TrimEnd(), StringComparison.Ordinal));
            log.WriteLine($"smoke pipeline through Slurm: {seconds:0.0} s from submission to the report job's end");

            // The same results seen from either side are complete: nothing to submit, nothing to run.
            var before = _folder.Snapshot();
            var again = Crinf.Run(["pipeline", "submit", smoke, "--slurm", "--results", results], 120, environment);
            Expect.Success(again);
            Assert.Contains("nothing to submit", again.Out, StringComparison.Ordinal);
            var local = Crinf.Run(["pipeline", "run", smoke, "--results", results], 120, environment);
            Expect.Success(local);
            Assert.Contains("all 6 runs are up to date", local.Out, StringComparison.Ordinal);
            Assert.Contains("report is up to date", local.Out, StringComparison.Ordinal);
            Assert.Equal(before, _folder.Snapshot());
        }
        finally
        {
            var stop = Script("stop-single-node.sh", cluster, environment, TimeSpan.FromMinutes(2));
            bool daemonsLeft = DaemonsAlive(cluster);
            if (stop.Exit == 0 && !daemonsLeft && Directory.Exists(cluster)) Directory.Delete(cluster, recursive: true);
            Assert.True(stop.Exit == 0 && !daemonsLeft, $"stop-single-node.sh (exit {stop.Exit}) left daemons running:\n{stop.Output}");
        }
    }

    /// <summary>Whether the test must run rather than skip: in CI (<c>CI=true</c>) on Linux as root, where the cluster can
    /// always be installed and started.</summary>
    private static bool MustRun =>
        Environment.GetEnvironmentVariable("CI") == "true" && OperatingSystem.IsLinux() && Environment.UserName == "root";

    /// <summary>Whether a munged, slurmctld or slurmd whose command line names <paramref name="cluster"/> still runs.</summary>
    private static bool DaemonsAlive(string cluster)
    {
        foreach (string proc in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(proc), out _)) continue;
            try
            {
                string cmdline = File.ReadAllText(Path.Combine(proc, "cmdline")).Replace('\0', ' ');
                if (cmdline.Contains(cluster, StringComparison.Ordinal) && (cmdline.Contains("slurm", StringComparison.Ordinal) || cmdline.Contains("munged", StringComparison.Ordinal)))
                {
                    return true;
                }
            }
            catch (IOException)
            {
                // The process ended while we looked.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
        return false;
    }

    private static (int Exit, string Output) Script(string name, string cluster, IReadOnlyDictionary<string, string> environment, TimeSpan timeout) =>
        Command("bash", [Path.Combine(Crinf.Root, "scripts", "slurm", name), cluster], environment, timeout);

    private static (int Exit, string Output) Command(string file, IEnumerable<string> args, IReadOnlyDictionary<string, string> environment, TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Crinf.Root };
        foreach (string a in args) info.ArgumentList.Add(a);
        foreach (var (k, v) in environment) info.Environment[k] = v;
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromSeconds(30)))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return (-1, $"{file} timed out\n{output.Result}\n{error.Result}");
        }
        return (process.ExitCode, output.Result + error.Result);
    }

    /// <summary>A port p with p and p + 1 free now (slurmctld and slurmd).</summary>
    private static int FreePortPair()
    {
        for (int attempt = 0; attempt < 50; attempt++)
        {
            using var first = new TcpListener(IPAddress.Any, 0);
            first.Start();
            int port = ((IPEndPoint)first.LocalEndpoint).Port;
            if (port >= 65535) continue;
            try
            {
                using var second = new TcpListener(IPAddress.Any, port + 1);
                second.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken: try another pair.
            }
        }
        return 6817;
    }

    private static string LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";
}
