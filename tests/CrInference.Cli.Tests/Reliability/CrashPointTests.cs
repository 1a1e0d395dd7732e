using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using CrInference.Cli.Tests.Fit;
using CrInference.Cli.Tests.Pipelines;
using CrInference.Storage.Parquet;
using Xunit.Abstractions;

namespace CrInference.Cli.Tests.Reliability;

/// <summary>
/// Kill a run at any moment, resume it, and get the bytes of an uninterrupted run (SQLite's crash testing: abort at
/// every write, then check). A child <c>crinf</c> with <c>CRINF_CRASH_AT=k</c> is killed (SIGKILL) at the k-th
/// write, fsync, rename or deletion of its run files (<see cref="CrashPoints"/>); <c>--resume</c> then finishes
/// it, and the folder must equal the uninterrupted run's (<see cref="RunFolderComparison"/>). Besides, the same run
/// is killed with SIGKILL at seeded moments of its life, wherever that lands (start-up, sampling, finishing, after
/// the end).
/// </summary>
/// <remarks>
/// The write points of a run repeat (one part and one checkpoint per block, one checkpoint per interval of nested
/// sampling). A point's class is its step and its file, block numbers and process ids aside, and whether the file
/// is written for the first time or again (the first checkpoint finds none before it, later ones replace one). Each
/// killed child costs a process start, so the suite exercises a seeded sample of <see cref="SampledClasses"/>
/// classes per run kind (the first point of each); with <c>CRINF_CRASH_TESTS=all</c> it exercises every point. The
/// test log gives the points that exist, their classes and those exercised.
/// </remarks>
[Collection(PipelineCollection.Name)]
public sealed partial class CrashPointTests(ITestOutputHelper log) : IDisposable
{
    /// <summary>Classes of write points exercised per run kind in a normal test run.</summary>
    public const int SampledClasses = 12;

    /// <summary>SIGKILLs at seeded moments per run kind.</summary>
    public const int Kills = 5;

    private readonly ScratchFolder _folder = new("crinf-crash-");

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("fit", 1501)]
    [InlineData("nested", 1502)]
    public async Task CrashAtWritePointsAndSigkillAtSeededMoments_ResumeWritesTheBytesOfAnUninterruptedRun(string kind, int seed)
    {
        string[] args = Arguments(kind);
        string reference = Path.Combine(_folder.File("reference"), "run");
        var clock = Stopwatch.StartNew();
        var listing = Crinf.Run([.. args, "--out", reference], 300, CrashAt(0));
        double lifeMs = clock.Elapsed.TotalMilliseconds;
        Expect.Success(listing);
        var points = Points(listing.Error, reference);
        Assert.True(points.Count >= 20, $"only {points.Count} crash points listed:\n{listing.Error}");
        var random = new Random(seed);
        var classes = points.GroupBy(p => p.Class).Select(g => g.First()).ToList();
        var exercised = Environment.GetEnvironmentVariable("CRINF_CRASH_TESTS") == "all"
            ? points
            : [.. classes.OrderBy(_ => random.Next()).Take(SampledClasses).OrderBy(p => p.Index)];

        var failures = new List<string>();
        foreach (var point in exercised)
        {
            string run = Path.Combine(_folder.File(string.Create(CultureInfo.InvariantCulture, $"crash-{point.Index}")), "run");
            var crashed = Crinf.Run([.. args, "--out", run], 300, CrashAt(point.Index));
            failures.AddRange(crashed.Exit == 137
                ? ResumeAndCompare(args, reference, run, $"point {point.Index} ({point.Class})")
                : [$"point {point.Index} ({point.Class}): not killed (exit {crashed.Exit}) {crashed.Error}"]);
        }
        // Moments spread over the child's whole life (start-up included), measured on this machine now.
        var offsets = Enumerable.Range(0, Kills).Select(_ => (int)(random.NextDouble() * lifeMs)).ToArray();
        foreach (int offset in offsets)
        {
            string run = Path.Combine(_folder.File(string.Create(CultureInfo.InvariantCulture, $"kill-{offset}")), "run");
            await KillAfterAsync([.. args, "--out", run], offset);
            failures.AddRange(ResumeAndCompare(args, reference, run, $"SIGKILL at {offset} ms"));
        }

        log.WriteLine($"{kind}: {points.Count} crash points in {classes.Count} classes, {exercised.Count} exercised; {Kills} SIGKILLs at {string.Join(", ", offsets)} ms of a life of {lifeMs:0} ms; {exercised.Count + Kills - failures.Count} of {exercised.Count + Kills} resumed to identical bytes");
        foreach (var group in points.GroupBy(p => p.Class)) log.WriteLine($"  {group.Count(),3} x {group.Key}{(exercised.Any(p => p.Class == group.Key) ? "" : " (not exercised)")}");
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    /// <summary>Resumes <paramref name="run"/> in-process; the differences from <paramref name="reference"/> (none or one line).</summary>
    private static IEnumerable<string> ResumeAndCompare(string[] args, string reference, string run, string what)
    {
        var resumed = CliRunner.Run([.. args, "--out", run, "--resume"]);
        string? difference = resumed.Exit == 0 ? RunFolderComparison.Difference(reference, run) : $"resume exited {resumed.Exit}: {resumed.Error}";
        return difference is null ? [] : [$"{what}: {difference}"];
    }

    /// <summary>Starts <c>crinf <paramref name="args"/></c> and kills it with SIGKILL after <paramref name="milliseconds"/> (unless it ended).</summary>
    private static async Task KillAfterAsync(string[] args, int milliseconds)
    {
        using var process = Crinf.Start(args);
        var drain = Task.WhenAll(process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
        await Task.WhenAny(process.WaitForExitAsync(), Task.Delay(milliseconds));
        if (!process.HasExited) process.Kill(entireProcessTree: true);   // SIGKILL: no handler runs
        await process.WaitForExitAsync();
        await drain;
    }

    /// <summary>A small run: a 2-D fit (log-uniform x2) of 3 blocks, or nested sampling with 50 live points and a checkpoint
    /// every 100 iterations.</summary>
    private string[] Arguments(string kind) => kind == "fit"
        ? ["fit", Prior(300), "--threads", "1"]
        : ["evidence", TestRepository.PathOf("priors/tests/gaussian-3d.yaml"), "--live", "50", "--checkpoint-every", "100", "--threads", "1"];

    private string Prior(long steps)
    {
        string path = _folder.File(string.Create(CultureInfo.InvariantCulture, $"fit-{steps}.yaml"));
        if (!File.Exists(path)) File.WriteAllText(path, FitPriorFiles.LogUniform(walkers: 8, steps: steps));
        return path;
    }

    private static Dictionary<string, string> CrashAt(int k) => new() { [CrashPoints.Variable] = k.ToString(CultureInfo.InvariantCulture) };

    /// <summary>One listed point: its index and its class (the step, the run-relative file with numbers replaced by N,
    /// and whether that file was written before).</summary>
    private sealed record Point(int Index, string Class);

    private static List<Point> Points(string stderr, string runDirectory)
    {
        var points = new List<Point>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match m in PointLine().Matches(stderr))
        {
            string step = m.Groups[2].Value;
            string file = Digits().Replace(Path.GetRelativePath(runDirectory, m.Groups[3].Value), "N");
            bool again = !seen.Add($"{step} {file}");
            points.Add(new Point(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), $"{step} {file}{(again ? " (again)" : "")}"));
        }
        return points;
    }

    [GeneratedRegex(@"^crash point (\d+): (\w+) (.+)$", RegexOptions.Multiline)]
    private static partial Regex PointLine();

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();
}
