using System.Globalization;
using System.Text.RegularExpressions;

namespace CrInference.Storage.Parquet;

/// <summary>
/// Names of the files a chain run keeps in its result folder: the finished
/// <c>chains.parquet</c>, and while the run is going, <c>parts/block-NNNNNN.parquet</c> (one
/// complete Parquet file per block) and <c>checkpoint.bin</c> (<see cref="ResumeCheckpoint"/>).
/// </summary>
public static partial class ChainRunFiles
{
    /// <summary>File name of the finished chain table.</summary>
    public const string FinalFileName = "chains.parquet";

    /// <summary>Folder (inside the run folder) of the per-block part files.</summary>
    public const string PartsFolderName = "parts";

    /// <summary>File name of the resume checkpoint.</summary>
    public const string CheckpointFileName = "checkpoint.bin";

    /// <summary>Path of <c>chains.parquet</c> in <paramref name="runDirectory"/>.</summary>
    public static string FinalPath(string runDirectory) => Path.Combine(runDirectory, FinalFileName);

    /// <summary>Path of the parts folder in <paramref name="runDirectory"/>.</summary>
    public static string PartsDirectory(string runDirectory) => Path.Combine(runDirectory, PartsFolderName);

    /// <summary>Path of <c>checkpoint.bin</c> in <paramref name="runDirectory"/>.</summary>
    public static string CheckpointPath(string runDirectory) => Path.Combine(runDirectory, CheckpointFileName);

    /// <summary>Path of the part file of block <paramref name="blockIndex"/> (0-based).</summary>
    public static string PartPath(string runDirectory, int blockIndex) =>
        Path.Combine(PartsDirectory(runDirectory), string.Create(CultureInfo.InvariantCulture, $"block-{blockIndex:D6}.parquet"));

    /// <summary>Block indices of the complete part files present, ascending (temp files ignored).</summary>
    public static IReadOnlyList<int> ExistingParts(string runDirectory)
    {
        string parts = PartsDirectory(runDirectory);
        if (!Directory.Exists(parts)) return [];
        var indices = new List<int>();
        foreach (string file in Directory.EnumerateFiles(parts))
        {
            var match = PartName().Match(Path.GetFileName(file));
            if (match.Success && int.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out int index))
            {
                indices.Add(index);
            }
        }
        indices.Sort();
        return indices;
    }

    /// <summary>Whether <paramref name="runDirectory"/> holds a finished chain run: <c>chains.parquet</c> and no
    /// checkpoint (a run removes its checkpoint after its summary and reports; until then it is interrupted).</summary>
    public static bool IsFinished(string runDirectory) =>
        File.Exists(FinalPath(runDirectory)) && !File.Exists(CheckpointPath(runDirectory));

    /// <summary>Whether <paramref name="runDirectory"/> holds any file of a chain run.</summary>
    public static bool HoldsRun(string runDirectory) =>
        File.Exists(FinalPath(runDirectory)) || File.Exists(CheckpointPath(runDirectory)) || ExistingParts(runDirectory).Count > 0;

    [GeneratedRegex(@"^block-(\d+)\.parquet$", RegexOptions.CultureInvariant)]
    private static partial Regex PartName();
}
