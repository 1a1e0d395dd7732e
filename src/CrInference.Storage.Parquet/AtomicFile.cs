using System.Runtime.InteropServices;

namespace CrInference.Storage.Parquet;

/// <summary>
/// The one way CrInference writes a file: readers see either the old content or the complete new
/// one. The bytes go to a temporary file in the same folder (<c>NAME.tmp</c>), which is renamed over
/// <c>NAME</c> (rename(2) is atomic within a file system). Durable writes (chain parts, checkpoints,
/// <c>evidence.json</c>) are also flushed to disk (fsync) before the rename, and the folder after it,
/// so they survive a power cut; the others (summaries, plots, reports) survive a crash of the process.
/// A process killed mid-write leaves at most a stray <c>.tmp</c>, which <see cref="DeleteTemporaryFiles"/> removes;
/// a write that fails (a full disk) removes its <c>.tmp</c> and leaves <c>NAME</c> as it was. Each step that changes
/// the disk is a test-only <see cref="CrashPoints"/> point.
/// </summary>
public static partial class AtomicFile
{
    /// <summary>Suffix of files being written.</summary>
    public const string TemporarySuffix = ".tmp";

    /// <summary>Writes <paramref name="path"/> atomically with what <paramref name="write"/> puts in the stream.</summary>
    public static async Task WriteAsync(string path, Func<Stream, Task> write, CancellationToken cancellationToken)
    {
        string temporary = path + TemporarySuffix;
        try
        {
            var options = new FileStreamOptions
            {
                Mode = FileMode.Create,
                Access = FileAccess.ReadWrite,
                Share = FileShare.None,
                Options = FileOptions.Asynchronous,
            };
            await using (var stream = new FileStream(temporary, options))
            {
                await write(stream).ConfigureAwait(false);
                CrashPoints.Reached("write", temporary);
                cancellationToken.ThrowIfCancellationRequested();
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
                CrashPoints.Reached("flush", temporary);
            }
            File.Move(temporary, path, overwrite: true);
            CrashPoints.Reached("rename", path);
            SyncDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> atomically.</summary>
    public static Task WriteAllBytesAsync(string path, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken) =>
        WriteAsync(path, stream => stream.WriteAsync(bytes, cancellationToken).AsTask(), cancellationToken);

    /// <summary>Writes <paramref name="text"/> (UTF-8, no BOM) to <paramref name="path"/> atomically; with
    /// <paramref name="durable"/> the file and its folder are flushed to disk too.</summary>
    public static void WriteAllText(string path, string text, bool durable = false)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(text);
        string temporary = path + TemporarySuffix;
        try
        {
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                byte[] bytes = Utf8.GetBytes(text);
                // Half, then the rest: a crash point in between leaves a torn temporary file.
                stream.Write(bytes.AsSpan(0, bytes.Length / 2));
                stream.Flush();
                CrashPoints.Reached("write", temporary);
                stream.Write(bytes.AsSpan(bytes.Length / 2));
                if (durable)
                {
                    stream.Flush(flushToDisk: true);
                    CrashPoints.Reached("flush", temporary);
                }
            }
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
        CrashPoints.Reached("rename", path);
        if (durable) SyncDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
    }

    /// <summary>Copies <paramref name="source"/> to <paramref name="path"/> atomically.</summary>
    public static void Copy(string source, string path)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(path);
        string temporary = path + TemporarySuffix;
        try
        {
            File.Copy(source, temporary, overwrite: true);
            CrashPoints.Reached("write", temporary);
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
        CrashPoints.Reached("rename", path);
    }

    /// <summary>Deletes <paramref name="path"/> (nothing if it is absent): how a run removes its own files.</summary>
    public static void Delete(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) return;
        File.Delete(path);
        CrashPoints.Reached("delete", path);
    }

    /// <summary>
    /// Runs <paramref name="render"/>, which writes a file at the path it is given (a figure, whose format the
    /// extension decides, or a table), into a temporary file that keeps <paramref name="path"/>'s extension,
    /// then renames it over <paramref name="path"/>; a failed render leaves nothing. Creates the folder.
    /// </summary>
    public static void Render(string path, Action<string> render)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(render);
        string directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        string temporary = Path.Combine(directory, $".{Path.GetFileNameWithoutExtension(path)}.{Environment.ProcessId}{TemporarySuffix}{Path.GetExtension(path)}");
        try
        {
            render(temporary);
            CrashPoints.Reached("write", temporary);
            File.Move(temporary, path, overwrite: true);
            CrashPoints.Reached("rename", path);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    private static readonly System.Text.UTF8Encoding Utf8 = new(false);

    /// <summary>Removes leftovers of interrupted writes (<c>*.tmp</c>) directly in <paramref name="directory"/>.</summary>
    public static void DeleteTemporaryFiles(string directory)
    {
        if (!Directory.Exists(directory)) return;
        foreach (string file in Directory.EnumerateFiles(directory, "*" + TemporarySuffix))
        {
            File.Delete(file);
        }
    }

    /// <summary>Removes every leftover of an interrupted write directly in <paramref name="directory"/>: <c>*.tmp</c> and the
    /// hidden <c>.NAME.PID.tmp.EXT</c> files of <see cref="Render"/>. For a folder only one process writes (a run folder).</summary>
    public static void DeleteAllTemporaryFiles(string directory)
    {
        DeleteTemporaryFiles(directory);
        if (!Directory.Exists(directory)) return;
        foreach (string file in Directory.EnumerateFiles(directory, ".*" + TemporarySuffix + ".*"))
        {
            File.Delete(file);
        }
    }

    /// <summary>Removes the leftover of an interrupted write of <paramref name="path"/>, if any.</summary>
    public static void DeleteTemporaryFile(string path) => File.Delete(path + TemporarySuffix);

    /// <summary>Flushes a folder's entries (new names, renames, deletions) to disk. A no-op where
    /// the platform offers no way to do it from .NET (Windows commits renames itself).</summary>
    public static void SyncDirectory(string directory)
    {
        if (!(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD())) return;
        int descriptor = Open(directory, 0);
        if (descriptor < 0) return;
        try
        {
            _ = Fsync(descriptor);
        }
        finally
        {
            _ = Close(descriptor);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync")]
    private static partial int Fsync(int descriptor);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int descriptor);
}
