using System.Text.Json.Nodes;
using CrInference.Config.PriorFiles;
using CrInference.Runs.Lifecycle;
using CrInference.Runs.Manifests;
using CrInference.Storage.Parquet;

namespace CrInference.Runs.Fit;

/// <summary>
/// <c>crinf fit</c>: samples the posterior a prior file describes with the affine-invariant ensemble sampler
/// (<see cref="FitPlan"/>) and writes <c>chains.parquet</c> (built from crash-safe per-block parts and a
/// checkpoint, finalised atomically), <c>summary.json</c>, <c>summary.md</c> and the post-run reports.
/// </summary>
/// <remarks>
/// Resuming continues from the checkpoint's ensemble (sampled coordinates, bit for bit) with the same root key,
/// so the final <c>chains.parquet</c> is byte-identical to an uninterrupted run's. The identity
/// (<see cref="RunManifest"/>: prior file without <c>sampler.steps</c>, data hashes, block size, thinning, stop
/// rule) lets a run be extended with <c>--steps</c>. Command-line sampler overrides of the original run
/// (<c>--walkers</c>, <c>--steps</c>, <c>--seed</c>, <c>--until-converged</c>) carry over unless given again.
/// </remarks>
public sealed class FitRunKind : IRunKind
{
    private FitRunKind()
    {
    }

    /// <summary>The one instance.</summary>
    public static FitRunKind Instance { get; } = new();

    public string Name => "fit";

    public string ManifestFormat => RunManifest.Format;

    public RunFolderLayout Layout { get; } = new(
        "run",
        ChainRunFiles.FinalFileName,
        $"{ChainRunFiles.CheckpointFileName}, {ChainRunFiles.PartsFolderName}/",
        ChainRunFiles.IsFinished,
        directory => !ChainRunFiles.IsFinished(directory) && ChainRunFiles.HoldsRun(directory),
        _ => $"a fit ({ChainRunFiles.FinalFileName}, {ChainRunFiles.CheckpointFileName} or {ChainRunFiles.PartsFolderName}/)");

    /// <summary><c>results/&lt;prior file stem&gt;/</c>.</summary>
    public string DefaultDirectory(string priorFile) =>
        Path.Combine(RepositoryPaths.ResultsDirectory, Path.GetFileNameWithoutExtension(priorFile));

    public string ResumeCommand(RunOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return $"./crinf fit {options.PriorFile}{(options.OutputDirectory is null ? "" : $" --out {options.OutputDirectory}")} --resume";
    }

    public IRunPlan Plan(RunOptions options, PriorFileSpec spec, JsonObject? previousManifest, int threads)
    {
        var fit = options as FitOptions ?? throw new ArgumentException($"a fit takes {nameof(FitOptions)}", nameof(options));
        var (resolved, settings, overrides) = FitSettings.Resolve(spec, fit, previousManifest);
        return new FitPlan(fit, resolved, settings, overrides);
    }
}
