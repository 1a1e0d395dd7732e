using System.Runtime.CompilerServices;
using CrInference.Data;

namespace CrInference.Inference.Tests.Data;

/// <summary>The repository's bundled tables (<c>data/</c>) for tests.</summary>
internal static class BundledData
{
    /// <summary>The repository root (the folder holding CrInference.sln above this file).</summary>
    public static string RepositoryRoot([CallerFilePath] string thisFile = "")
    {
        for (var dir = new DirectoryInfo(Path.GetDirectoryName(thisFile)!); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CrInference.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("no repository above " + thisFile);
    }

    /// <summary>A catalogue over <c>data/</c>.</summary>
    public static DatasetCatalog Catalog() => new(Path.Combine(RepositoryRoot(), "data"));

    /// <summary>Dataset <paramref name="id"/> from <c>data/</c>.</summary>
    public static Dataset Load(string id) => Catalog().Load(id);
}
