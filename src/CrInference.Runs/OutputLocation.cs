namespace CrInference.Runs;

/// <summary>
/// Checks an output location before anything is written, so that a wrong <c>--out</c> is one line and exit code 2
/// instead of an I/O error half-way: a folder must not be an existing file (nor lie below one), a file must not be an
/// existing folder, and neither may lie in the repository's <c>data/</c> folder, which holds the published tables
/// unchanged (data/README.md).
/// </summary>
public static class OutputLocation
{
    /// <summary>Throws the one-line refusal when <paramref name="folder"/> cannot be an output folder;
    /// <paramref name="shown"/> names it in the message (e.g. <c>--out results/x</c>).</summary>
    public static void CheckFolder(string folder, string shown)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        string full = Path.GetFullPath(folder);
        if (File.Exists(full)) throw new UserInputException($"{shown}: a file with that name exists (give a folder)");
        CheckCommon(full, shown);
    }

    /// <summary>Throws the one-line refusal when <paramref name="file"/> cannot be an output file.</summary>
    public static void CheckFile(string file, string shown)
    {
        ArgumentException.ThrowIfNullOrEmpty(file);
        string full = Path.GetFullPath(file);
        if (Directory.Exists(full)) throw new UserInputException($"{shown}: a folder with that name exists (give a file name)");
        CheckCommon(full, shown);
    }

    private static void CheckCommon(string full, string shown)
    {
        for (string? above = Path.GetDirectoryName(full); above is not null; above = Path.GetDirectoryName(above))
        {
            if (File.Exists(above)) throw new UserInputException($"{shown}: {above} is a file, not a folder");
        }
        string data = Path.GetFullPath(RepositoryPaths.DataDirectory);
        string relative = Path.GetRelativePath(data, full);
        if (relative == "." || !(relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative)))
        {
            throw new UserInputException($"{shown}: inside the data folder {data}, which holds the published tables unchanged; choose another folder");
        }
    }
}
