using System.Globalization;
using System.Runtime.InteropServices;

namespace CrInference.Storage.Parquet;

/// <summary>
/// TEST-ONLY crash points of the files a run writes, after SQLite's crash testing (kill the process at every
/// write, then check what a restart makes of the folder). <see cref="AtomicFile"/> — the one way CrInference
/// writes, renames and deletes a run's files — calls <see cref="Reached"/> after each step that changes the
/// disk: bytes written to a temporary file, the fsync before a rename, the rename, a deletion.
/// </summary>
/// <remarks>
/// <para>Inert unless the environment variable <c>CRINF_CRASH_AT</c> is set when the process starts (it is read
/// once). <c>CRINF_CRASH_AT=k</c> (k ≥ 1) kills the process at the k-th point with SIGKILL (no handler, no
/// <c>finally</c>, no flush of buffers: as <c>kill -9</c> or a pre-empted job would), after naming the point on
/// standard error; <c>CRINF_CRASH_AT=0</c> only names every point on standard error (<c>crash point N: what
/// path</c>), so that a test learns how many there are. Normal runs never set it.</para>
/// <para><c>CRINF_PAUSE_AT=k</c> instead pauses the process at the k-th point — it names the point on standard error
/// with <see cref="PausePrefix"/> and waits until the file that <c>CRINF_PAUSE_RELEASE</c> names exists — so that a
/// test can deliver a signal while the run is provably in flight (no race with the run finishing first).</para>
/// <para>The count is per process; it follows the order of the writes, which is deterministic for one
/// run except where a checkpoint is due by wall time (evidence runs, every 10 s).</para>
/// </remarks>
public static partial class CrashPoints
{
    /// <summary>The environment variable (test-only).</summary>
    public const string Variable = "CRINF_CRASH_AT";

    /// <summary>The environment variable of the pause (test-only).</summary>
    public const string PauseVariable = "CRINF_PAUSE_AT";

    /// <summary>The environment variable naming the file whose existence ends the pause (test-only).</summary>
    public const string ReleaseVariable = "CRINF_PAUSE_RELEASE";

    /// <summary>Prefix of the line written to standard error at each point.</summary>
    public const string LinePrefix = "crash point ";

    /// <summary>Prefix of the line written to standard error when the process pauses.</summary>
    public const string PausePrefix = "paused at crash point ";

    private static readonly long Target = ReadTarget(Variable);
    private static readonly long PauseTarget = ReadTarget(PauseVariable);
    private static long _count;

    /// <summary>Whether the hook is active in this process (<c>CRINF_CRASH_AT</c> or <c>CRINF_PAUSE_AT</c> was set to a number ≥ 0).</summary>
    public static bool Active => Target >= 0 || PauseTarget >= 0;

    /// <summary>Counts a point (<paramref name="what"/>: <c>write</c>, <c>flush</c>, <c>rename</c>, <c>delete</c>, …
    /// on <paramref name="path"/>) and kills the process if it is the one <c>CRINF_CRASH_AT</c> names.</summary>
    public static void Reached(string what, string path)
    {
        if (!Active) return;
        long n = Interlocked.Increment(ref _count);
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{LinePrefix}{n}: {what} {path}"));
        if (n == PauseTarget) Pause(n);
        if (n != Target) return;
        Console.Error.Flush();
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD())
        {
            _ = Kill(GetProcessId(), 9);
        }
        Environment.FailFast($"{Variable}={Target}: crash point {n} ({what} {path})");
    }

    private static long ReadTarget(string variable)
    {
        string? text = Environment.GetEnvironmentVariable(variable);
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long k) ? k : -1;
    }

    private static void Pause(long n)
    {
        string release = Environment.GetEnvironmentVariable(ReleaseVariable)
            ?? throw new InvalidOperationException($"{PauseVariable} needs {ReleaseVariable} (the file that ends the pause)");
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{PausePrefix}{n}"));
        Console.Error.Flush();
        while (!File.Exists(release)) Thread.Sleep(10);
    }

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "getpid")]
    private static partial int GetProcessId();
}
