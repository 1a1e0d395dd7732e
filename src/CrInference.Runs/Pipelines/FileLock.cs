namespace CrInference.Runs.Pipelines;

/// <summary>
/// An exclusive advisory lock on a file in <see cref="PipelinePaths.LocksDirectory"/>, held while
/// the object lives (.NET takes <c>flock</c> on Unix for <see cref="FileShare.None"/>). The lock goes
/// with the process, so a runner killed with <c>kill -9</c> leaves nothing to clean up. Opening an
/// existing lock file changes nothing on disk.
/// </summary>
public sealed class FileLock : IDisposable
{
    private readonly FileStream _stream;

    private FileLock(FileStream stream) => _stream = stream;

    /// <summary>Takes the lock <paramref name="name"/> in <paramref name="directory"/>, or returns null when another process holds it.</summary>
    public static FileLock? TryAcquire(string directory, string name)
    {
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, name + ".lock");
        try
        {
            return new FileLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Takes the lock or throws <see cref="UserInputException"/> with <paramref name="busy"/>.</summary>
    public static FileLock Acquire(string directory, string name, string busy) =>
        TryAcquire(directory, name) ?? throw new UserInputException(busy);

    public void Dispose() => _stream.Dispose();
}
