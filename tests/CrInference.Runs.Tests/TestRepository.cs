using System.Runtime.CompilerServices;

namespace CrInference.Runs.Tests;

/// <summary>The repository these tests were compiled from (for data/, priors/, pipelines/).</summary>
internal static class TestRepository
{
    private static readonly Lazy<string> RootLazy = new(() => FromSource());

    /// <summary>The repository root.</summary>
    public static string Root => RootLazy.Value;

    /// <summary><paramref name="relative"/> inside the repository.</summary>
    public static string PathOf(string relative) => Path.Combine(Root, relative);

    private static string FromSource([CallerFilePath] string thisFile = "")
    {
        for (var dir = new DirectoryInfo(Path.GetDirectoryName(thisFile)!); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CrInference.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"no CrInference.sln above {thisFile}");
    }
}

/// <summary>A fresh folder under the system temp folder, deleted on dispose.</summary>
internal sealed class ScratchFolder : IDisposable
{
    public ScratchFolder(string prefix = "crinf-runs-test-")
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

    public void Dispose()
    {
        if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
    }
}
