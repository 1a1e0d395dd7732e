namespace CrInference.Runs;

/// <summary>
/// Writes a command's output files into a hidden staging folder next to the requested output
/// folder and moves them into place only on <see cref="Commit"/>. Disposing without committing
/// deletes the staging folder, so a failed command leaves nothing half-written in <c>--out</c>.
/// </summary>
public sealed class StagedOutput : IDisposable
{
    private readonly string _target;
    private bool _committed;

    public StagedOutput(string targetDirectory)
    {
        _target = Path.GetFullPath(targetDirectory);
        string parent = Path.GetDirectoryName(_target) ?? throw new UserInputException($"invalid output folder '{targetDirectory}'");
        OutputLocation.CheckFolder(_target, $"--out {targetDirectory}");
        Directory.CreateDirectory(parent);
        StagingDirectory = Path.Combine(parent, $".{Path.GetFileName(_target)}.staging-{Environment.ProcessId}");
        if (Directory.Exists(StagingDirectory)) Directory.Delete(StagingDirectory, recursive: true);
        Directory.CreateDirectory(StagingDirectory);
    }

    /// <summary>The folder to write into until <see cref="Commit"/>.</summary>
    public string StagingDirectory { get; }

    /// <summary>Path of <paramref name="fileName"/> inside the staging folder.</summary>
    public string PathOf(string fileName) => Path.Combine(StagingDirectory, fileName);

    /// <summary>Moves every staged file into the target folder (replacing files of the same name).</summary>
    public void Commit()
    {
        Directory.CreateDirectory(_target);
        foreach (string file in Directory.EnumerateFiles(StagingDirectory, "*", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(StagingDirectory, file);
            string destination = Path.Combine(_target, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Move(file, destination, overwrite: true);
        }
        Directory.Delete(StagingDirectory, recursive: true);
        _committed = true;
    }

    public void Dispose()
    {
        if (!_committed && Directory.Exists(StagingDirectory))
        {
            Directory.Delete(StagingDirectory, recursive: true);
        }
    }
}
