using System.Runtime.InteropServices;

namespace CrInference.Storage.Parquet;

/// <summary>
/// Writes a file so that readers see either the old content or the complete new one: the bytes
/// go to <c>NAME.tmp</c> in the same folder, are flushed to disk (fsync), and the temp file is
/// renamed over <c>NAME</c> (rename(2) is atomic within a file system); the folder is then
/// fsynced on Unix so the rename itself survives a power cut. A process killed mid-write leaves
/// at most a stray <c>.tmp</c>, which <see cref="DeleteTemporaryFiles"/> removes.
/// </summary>
internal static partial class AtomicFile
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
                cancellationToken.ThrowIfCancellationRequested();
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
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

    /// <summary>Removes leftovers of interrupted writes (<c>*.tmp</c>) directly in <paramref name="directory"/>.</summary>
    public static void DeleteTemporaryFiles(string directory)
    {
        if (!Directory.Exists(directory)) return;
        foreach (string file in Directory.EnumerateFiles(directory, "*" + TemporarySuffix))
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
