using CrInference.Runs.Lifecycle;

namespace CrInference.Runs.Calibration;

/// <summary>
/// What <c>crinf sbc</c> was asked to do. Null settings fall back to (on <c>--resume</c>) the command-line settings of
/// the run being resumed, then to the prior file (<c>sampler</c>: walkers, steps, seed, moves; <c>nested</c>: live,
/// dlogz), then to <see cref="CalibrationDefaults"/>.
/// </summary>
/// <param name="PriorFile">The prior file, as the user named it.</param>
public sealed record CalibrationOptions(string PriorFile) : RunOptions(PriorFile)
{
    /// <summary><c>--replicates</c>: SBC replicates, or noise realisations per truth with <see cref="Truths"/>.</summary>
    public int? Replicates { get; init; }

    /// <summary><c>--truth</c> (repeatable): <c>prior</c> (default: SBC), or fixed truths <c>ref</c>, <c>fiducial</c>,
    /// <c>FILE.yaml</c> (injection–recovery). Empty: on <c>--resume</c> the run's, else <c>prior</c>.</summary>
    public IReadOnlyList<string> Truths { get; init; } = [];

    /// <summary><c>--method</c>: <c>ensemble</c> (default: the fit's sampler) or <c>nested</c>.</summary>
    public string? Method { get; init; }

    /// <summary><c>--walkers</c> (ensemble).</summary>
    public int? Walkers { get; init; }

    /// <summary><c>--steps</c> (ensemble).</summary>
    public long? Steps { get; init; }

    /// <summary><c>--live</c> (nested).</summary>
    public int? Live { get; init; }

    /// <summary><c>--seed</c>: replicate r uses <c>RandomKey.FromSeed(seed).Split(r)</c>.</summary>
    public ulong? Seed { get; init; }

    /// <summary><c>--starts</c> (ensemble): <c>file</c> (default: the prior file's <c>ref</c> balls, as a fit of the real data
    /// starts) or <c>prior</c> (every walker from a prior draw, lagging walkers relocated during the first 10 % of the steps
    /// unless the file sets <c>relocate_lagging</c>): an SBC truth can lie anywhere in the prior, far from the balls;
    /// or <c>optimize</c> (as <c>prior</c>, but the prior draws are polished by a multi-start local optimisation and the
    /// walkers start at the searches' ends near the best point found, <see cref="Sampling.Optimization.ModeSearchResult.StartAtEnds"/>).</summary>
    public string? Starts { get; init; }

    /// <summary><c>--draws</c>: L, the posterior draws each truth is ranked among (ranks 0 … L).</summary>
    public int? Draws { get; init; }

    /// <summary><c>--jobs</c>: replicates run at once (default: every core); not part of the run's identity.</summary>
    public int? Jobs { get; init; }

    /// <summary><c>--chunk K/M</c>: only the replicates r with r mod M = K (a Slurm array task); null: all.</summary>
    public (int Index, int Count)? Chunk { get; init; }

    /// <summary><c>--gather DIR</c> (repeatable): finished replicate files of the same run (other chunks' folders)
    /// copied into this folder before the missing ones run.</summary>
    public IReadOnlyList<string> Gather { get; init; } = [];
}

/// <summary>Defaults of calibration runs.</summary>
public static class CalibrationDefaults
{
    /// <summary>L = 99 posterior draws per rank: 100 possible ranks, which 20, 10, 5, 4 and 2 bins divide evenly.</summary>
    public const int Draws = 99;

    /// <summary>The two sampling methods.</summary>
    public static IReadOnlyList<string> Methods { get; } = ["ensemble", "nested"];

    /// <summary>Where the ensemble's walkers start (<see cref="CalibrationOptions.Starts"/>).</summary>
    public static IReadOnlyList<string> Starts { get; } = ["file", "prior", Config.PriorFiles.SamplerSpec.OptimizeStarts];

    /// <summary>With <c>--starts prior</c> and no <c>relocate_lagging</c> in the file: the fraction of the steps during which
    /// lagging walkers are relocated.</summary>
    public const double PriorStartRelocationFraction = 0.1;
}
