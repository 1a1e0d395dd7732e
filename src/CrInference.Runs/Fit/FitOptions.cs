using System.Collections.Immutable;
using CrInference.Runs.Lifecycle;

namespace CrInference.Runs.Fit;

/// <summary>
/// What <c>crinf fit</c> was asked to do. Null sampler settings fall back to (on <c>--resume</c>) the
/// command-line settings of the run being resumed, then to the prior file's <c>sampler</c> section, then to
/// <see cref="FitDefaults"/>. The run folder defaults to <c>results/&lt;prior file stem&gt;/</c>.
/// </summary>
/// <param name="PriorFile">The prior file, as the user named it.</param>
public sealed record FitOptions(string PriorFile) : RunOptions(PriorFile)
{
    /// <summary><c>--walkers</c>: overrides <c>sampler.walkers</c>.</summary>
    public int? Walkers { get; init; }

    /// <summary><c>--steps</c>: overrides <c>sampler.steps</c> (the maximum with <see cref="UntilConverged"/>).</summary>
    public long? Steps { get; init; }

    /// <summary><c>--seed</c>: overrides <c>sampler.seed</c>.</summary>
    public ulong? Seed { get; init; }

    /// <summary><c>--until-converged</c>: stop when the chain is ≥ 50 τ long and τ changed by &lt; 1 % (steps = maximum).</summary>
    public bool UntilConverged { get; init; }

    /// <summary>Steps per chain block (one Parquet row group, one checkpoint). Part of a run's identity:
    /// it decides the file's row groups. Not a command-line option.</summary>
    public int BlockSteps { get; init; } = FitDefaults.BlockSteps;

    /// <summary>Called on the sampling thread after each block is durable (argument: blocks stored so far
    /// in the run folder). For tools and tests that watch a run.</summary>
    public Action<int>? BlockStored { get; init; }

    /// <summary>How sampling progress is shown; null: plain lines on the run's output (<see cref="PlainSamplingDisplay"/>).</summary>
    public ISamplingDisplay? Display { get; init; }
}

/// <summary>
/// The settings a fit uses when neither the prior file nor the command line gives them.
/// </summary>
/// <remarks>
/// <para><b>Walkers</b>: max(32, 4·D), rounded up to even — emcee's guidance is "at least 2·D, more is
/// better for correlated targets"; 32 keeps the per-step cost modest for the 7–10 free parameters of the
/// physics prior files while giving each half-ensemble 16 walkers to span the space.</para>
/// <para><b>Moves</b>: a mixture of 80 % stretch (Goodman &amp; Weare 2010, a = 2) and 20 % differential
/// evolution (ter Braak 2006; γ₀ = 2.38/√(2D)). Both are affine invariant, so the strong linear
/// degeneracies of the transport posteriors (density, temperature and field of a phase enter mainly
/// through v_A and the NLLD length) cost them nothing; DE's larger jumps along the ensemble's principal
/// directions shorten τ for the elongated, curved ridges a pure stretch move crosses slowly
/// (Foreman-Mackey et al. 2013; emcee's move documentation).</para>
/// <para><b>Seed</b>: 1, so that a prior file without a seed is still reproducible (the seed is in the manifest).</para>
/// </remarks>
public static class FitDefaults
{
    /// <summary>Steps per block when the caller does not say.</summary>
    public const int BlockSteps = 100;

    /// <summary>Steps when neither the prior file nor the command line gives them.</summary>
    public const long Steps = 2000;

    /// <summary>Seed when neither the prior file nor the command line gives one.</summary>
    public const ulong Seed = 1;

    /// <summary>Steps between τ checks of <c>--until-converged</c> (counted from step 0).</summary>
    public const int ConvergenceCheckSteps = 100;

    /// <summary>Default move weights (see the remarks).</summary>
    public static ImmutableSortedDictionary<string, double> Moves { get; } =
        ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("de", 0.2), KeyValuePair.Create("stretch", 0.8)]);

    /// <summary>Walkers for <paramref name="dimension"/> free parameters: max(32, 4·D), even.</summary>
    public static int Walkers(int dimension)
    {
        int walkers = Math.Max(32, 4 * dimension);
        return walkers + (walkers % 2);
    }
}
