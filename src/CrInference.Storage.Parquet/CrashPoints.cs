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
/// <para>The count is per process; it follows the order of the writes, which is deterministic for one
/// run except where a checkpoint is due by wall time (evidence runs, every 10 s).</para>
/// </remarks>
public static partial class CrashPoints
{
    /// <summary>The environment variable (test-only).</summary>
    public const string Variable = "CRINF_CRASH_AT";

    /// <summary>Prefix of the line written to standard error at each point.</summary>
    public const string LinePrefix = "crash point ";

    private static readonly long Target = ReadTarget();
    private static long _count;

    /// <summary>Whether the hook is active in this process (<c>CRINF_CRASH_AT</c> was set to a number ≥ 0).</summary>
    public static bool Active => Target >= 0;

    /// <summary>Counts a point (<paramref name="what"/>: <c>write</c>, <c>flush</c>, <c>rename</c>, <c>delete</c>, …
    /// on <paramref name="path"/>) and kills the process if it is the one <c>CRINF_CRASH_AT</c> names.</summary>
    public static void Reached(string what, string path)
    {
        if (Target < 0) return;
        long n = Interlocked.Increment(ref _count);
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{LinePrefix}{n}: {what} {path}"));
        if (n != Target) return;
        Console.Error.Flush();
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD())
        {
            _ = Kill(GetProcessId(), 9);
        }
        Environment.FailFast($"{Variable}={Target}: crash point {n} ({what} {path})");
    }

    private static long ReadTarget()
    {
        string? text = Environment.GetEnvironmentVariable(Variable);
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long k) ? k : -1;
    }

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "getpid")]
    private static partial int GetProcessId();
}
