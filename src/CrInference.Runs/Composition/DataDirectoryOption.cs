using System.Text.Json.Nodes;
using CrInference.Data;
using CrInference.Runs.Manifests;

namespace CrInference.Runs.Composition;

/// <summary>
/// <c>--data-dir DIR</c> of fits and evidence runs: the dataset catalogue that reads <c>DIR/&lt;id&gt;.csv</c>
/// (mock data written by <c>crinf simulate</c>, in the bundled tables' layout) instead of the bundled tables, with
/// the same cuts and error model (<see cref="DatasetCatalog.WithDataDirectory"/>). The manifest records the folder
/// (<c>data_directory</c>) and the SHA-256 of every file read, so a resumed run refuses changed data and the
/// run's later reports (spectra, comparison) read the same files.
/// </summary>
public static class DataDirectoryOption
{
    /// <summary>Key of the folder in a run manifest.</summary>
    public const string ManifestKey = "data_directory";

    /// <summary>The bundled catalogue, or the one reading <paramref name="dataDirectory"/> (null: bundled).</summary>
    public static DatasetCatalog Catalog(string? dataDirectory)
    {
        var bundled = new DatasetCatalog(RepositoryPaths.DataDirectory);
        if (dataDirectory is null) return bundled;
        string full = Path.GetFullPath(dataDirectory);
        if (!Directory.Exists(full)) throw new UserInputException($"--data-dir {dataDirectory}: no such folder");
        return bundled.WithDataDirectory(full);
    }

    /// <summary>The folder as a manifest records it (repository-relative where it lies in the repository), or null.</summary>
    public static string? Recorded(string? dataDirectory) =>
        dataDirectory is null ? null : RunManifest.RecordedPath(dataDirectory, RepositoryPaths.Root);

    /// <summary>The catalogue a run was made with, from its manifest's <c>data_directory</c> (bundled when absent).</summary>
    public static DatasetCatalog OfManifest(JsonObject? manifest, string runDirectory)
    {
        if (manifest?[ManifestKey] is not JsonValue value || !value.TryGetValue(out string? recorded)) return Catalog(null);
        string full = Path.IsPathRooted(recorded) ? recorded : Path.Combine(RepositoryPaths.Root, recorded);
        if (!Directory.Exists(full))
        {
            throw new UserInputException($"{RunFiles.Display(runDirectory)}: the run read its data from {recorded} (--data-dir), which no longer exists");
        }
        return Catalog(full);
    }
}
