using System.Collections.Immutable;
using CrInference.Config.PriorFiles;

namespace CrInference.Config.Pipelines;

/// <summary>
/// One run of a pipeline: a prior file launched with <c>crinf fit</c> or <c>crinf evidence</c>,
/// with the pipeline's overrides. Sampler overrides (<see cref="Seed"/>, <see cref="Walkers"/>,
/// <see cref="Steps"/>, <see cref="Live"/>, <see cref="UntilConverged"/>) become command-line flags of
/// the launched command; the <see cref="Datasets"/> override, which has no flag, rewrites the prior
/// file's <c>datasets</c> key in <see cref="EffectivePriorText"/>. Null means "not overridden".
/// </summary>
/// <param name="Index">0-based position in the pipeline's <c>runs</c> list (the Slurm array index).</param>
/// <param name="Name">Unique name, <c>[a-z0-9-]</c>: the run's folder <c>results/&lt;pipeline&gt;/&lt;name&gt;/</c>.</param>
/// <param name="Line">1-based line of the run in the pipeline file.</param>
/// <param name="Prior">The prior file as written: relative to the repository root, '/' separators.</param>
/// <param name="Method">What to launch.</param>
/// <param name="Seed">Random seed (<c>--seed</c>).</param>
/// <param name="Walkers">Walkers of a fit (<c>--walkers</c>).</param>
/// <param name="Steps">Steps of a fit (<c>--steps</c>; the maximum with <paramref name="UntilConverged"/>).</param>
/// <param name="Live">Live points of an evidence run (<c>--live</c>).</param>
/// <param name="Datasets">Dataset ids replacing the prior file's, or null.</param>
/// <param name="UntilConverged">Fit until converged (<c>--until-converged</c>).</param>
/// <param name="EffectivePriorText">The prior file's text with the datasets override applied (byte-identical when not overridden).</param>
/// <param name="EffectivePrior">The validated prior file that <paramref name="EffectivePriorText"/> describes.</param>
public sealed record PipelineRunSpec(
    int Index,
    string Name,
    int Line,
    string Prior,
    PipelineMethod Method,
    ulong? Seed,
    int? Walkers,
    long? Steps,
    int? Live,
    ImmutableArray<string>? Datasets,
    bool UntilConverged,
    string EffectivePriorText,
    PriorFileSpec EffectivePrior)
{
    /// <summary>Whether the run fits a test problem (no datasets, no spectra).</summary>
    public bool IsTestProblem => EffectivePrior.Problem is not null;

    /// <summary>Replicates of a calibration run (<c>crinf sbc --replicates</c>); null for other methods.</summary>
    public int? Replicates { get; init; }

    /// <summary>For one chunk of a calibration run split into array tasks: its index and the number of chunks
    /// (<c>crinf sbc --chunk K/M</c>); null when the run is not split.</summary>
    public (int Index, int Count)? Chunk { get; init; }

    /// <summary>Where a calibration run's walkers start (<c>file</c> | <c>prior</c>, <c>crinf sbc --starts</c>); null: not overridden.</summary>
    public string? Starts { get; init; }

    /// <summary>Fixed truths of a calibration run (<c>ref</c>, <c>fiducial</c> or parameter files relative to the repository
    /// root; <c>crinf sbc --truth</c> each): injection–recovery. Null: SBC.</summary>
    public ImmutableArray<string>? Truths { get; init; }

    /// <summary>The calibration run's name as written in the pipeline file (the same for all its chunks); null for
    /// other methods.</summary>
    public string? CalibrationName { get; init; }
}
