using CrInference.Config.Pipelines;
using CrInference.Runs.Calibration;
using CrInference.Storage.Parquet;

namespace CrInference.Runs.Pipelines;

/// <summary>
/// What the launched commands leave in a run folder, per method. A fit is complete with
/// <c>chains.parquet</c>, <c>summary.json</c> and <c>manifest.json</c> and without <c>checkpoint.bin</c>
/// and parts (the fit removes them last), and partial while it has <c>checkpoint.bin</c> or <c>parts/</c>
/// (<see cref="ChainRunFiles"/>). An evidence run is complete with <c>evidence.json</c> and partial
/// while it has a checkpoint (a file whose name starts with <c>checkpoint</c>) or <c>parts/</c>. A calibration run
/// is complete with its summary (or, for one chunk, <c>chunk.json</c>) and partial while it has its manifest.
/// </summary>
public static class RunResults
{
    /// <summary>The files the pipeline itself keeps in a run folder (not results of the command).</summary>
    public static IReadOnlyList<string> PipelineFiles { get; } = ["input.yaml", RunRecord.FileName, "run.log"];

    /// <summary>The samples a corner plot reads: <c>chains.parquet</c> or <c>samples.parquet</c>.</summary>
    public static string SamplesFile(PipelineMethod method, string runDirectory) =>
        Path.Combine(runDirectory, method == PipelineMethod.Fit ? ChainRunFiles.FinalFileName : "samples.parquet");

    /// <summary>Whether the command's results in <paramref name="runDirectory"/> are complete.</summary>
    public static bool IsComplete(PipelineMethod method, string runDirectory) => method switch
    {
        PipelineMethod.Fit => ChainRunFiles.IsFinished(runDirectory)
            && ChainRunFiles.ExistingParts(runDirectory).Count == 0
            && File.Exists(Path.Combine(runDirectory, "summary.json"))
            && File.Exists(Path.Combine(runDirectory, "manifest.json")),
        PipelineMethod.Sbc => CalibrationRunKind.Instance.Layout.IsFinished(runDirectory) || File.Exists(Path.Combine(runDirectory, CalibrationPlan.ChunkFileName)),
        _ => File.Exists(Path.Combine(runDirectory, "evidence.json")),
    };

    /// <summary>Whether <paramref name="runDirectory"/> holds an interrupted run that <c>--resume</c> continues
    /// (for a fit, also a finished chain whose summary is missing).</summary>
    public static bool IsResumable(PipelineMethod method, string runDirectory)
    {
        if (!Directory.Exists(runDirectory)) return false;
        if (method == PipelineMethod.Fit) return ChainRunFiles.HoldsRun(runDirectory);
        if (method == PipelineMethod.Sbc) return File.Exists(Path.Combine(runDirectory, Manifests.RunManifest.FileName));
        return Directory.Exists(Path.Combine(runDirectory, "parts"))
            || Directory.EnumerateFiles(runDirectory, "checkpoint*").Any();
    }

    /// <summary>Whether <paramref name="runDirectory"/> holds anything besides the pipeline's own files.</summary>
    public static bool HoldsResults(string runDirectory) =>
        Directory.Exists(runDirectory)
        && Directory.EnumerateFileSystemEntries(runDirectory).Any(e => !PipelineFiles.Contains(Path.GetFileName(e), StringComparer.Ordinal));
}
