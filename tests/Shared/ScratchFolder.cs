using System.Runtime.CompilerServices;

namespace CrInference.Testing;

/// <summary>The repository the tests were compiled from (the folder above this file that holds CrInference.sln).</summary>
internal static class RepositoryRoot
{
    private static readonly Lazy<string> PathLazy = new(() => Find());

    /// <summary>The repository root.</summary>
    public static string Path => PathLazy.Value;

    private static string Find([CallerFilePath] string thisFile = "")
    {
        for (var dir = new DirectoryInfo(System.IO.Path.GetDirectoryName(thisFile)!); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "CrInference.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"no CrInference.sln above {thisFile}");
    }
}

/// <summary>A fresh folder under the temp folder (a results root, prior or pipeline files), deleted on dispose.</summary>
internal sealed class ScratchFolder : IDisposable
{
    public ScratchFolder(string prefix = "crinf-test-")
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Writes <paramref name="text"/> to <paramref name="name"/> in the folder and returns its path.</summary>
    public string Write(string name, string text)
    {
        string path = File(name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Every file and folder below, with its size and modification time (for "nothing was rewritten").</summary>
    public SortedDictionary<string, string> Snapshot()
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (string entry in Directory.EnumerateFileSystemEntries(Path, "*", SearchOption.AllDirectories))
        {
            var info = new FileInfo(entry);
            string size = Directory.Exists(entry) ? "dir" : info.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
            result[System.IO.Path.GetRelativePath(Path, entry)] = $"{size} {System.IO.File.GetLastWriteTimeUtc(entry):O}";
        }
        return result;
    }

    public void Dispose()
    {
        if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
    }
}
