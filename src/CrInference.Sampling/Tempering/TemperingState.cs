using System.Collections.Immutable;
using CrInference.Core.Random;

namespace CrInference.Sampling.Tempering;

/// <summary>
/// The complete state of a parallel-tempering run between two steps: plain data, never mutated,
/// serialisable as it is (System.Text.Json with named floating-point literals for −∞). Continuing from
/// a restored state gives bitwise the result of an uninterrupted run: step s draws every random number
/// from <c>Key.Split(0).Split(s)</c>, and nothing else carries over.
/// </summary>
/// <remarks>
/// Layouts: walker arrays are temperature-major, then walker, then component
/// (<c>Positions[(k·Walkers + w)·Dimension + i]</c>), temperature 0 being β = 1. Production series are
/// step-major (<c>MeanLogLikelihood[t·K + k]</c> for production step t = 0, 1, …). The β = 1 chain
/// (<c>Cold*</c>) holds production steps only, step-major then walker, as a
/// <see cref="Chains.ChainBlock"/>.
/// </remarks>
public sealed record TemperingState
{
    /// <summary>Settings the run was started with.</summary>
    public required TemperingSettings Settings { get; init; }

    /// <summary>Root key of the run.</summary>
    public required RandomKey Key { get; init; }

    public required int Dimension { get; init; }

    /// <summary>Derived values per point of the (untempered) posterior.</summary>
    public required int DerivedCount { get; init; }

    public required int Walkers { get; init; }

    /// <summary>The current ladder, β_0 = 1 first (fixed once burn-in is over).</summary>
    public required ImmutableArray<double> Betas { get; init; }

    /// <summary>Steps taken so far, burn-in included; the next step is <c>Step</c>.</summary>
    public required long Step { get; init; }

    /// <summary>Likelihood calls so far (prior draws and initial ensembles included).</summary>
    public required long LikelihoodCalls { get; init; }

    /// <summary>Sampled coordinates of every walker at every temperature.</summary>
    public required ImmutableArray<double> Positions { get; init; }

    /// <summary>ln π per walker (temperature-major).</summary>
    public required ImmutableArray<double> LogPriors { get; init; }

    /// <summary>Untempered ln L per walker (temperature-major).</summary>
    public required ImmutableArray<double> LogLikelihoods { get; init; }

    /// <summary>The posterior's derived values per walker (temperature-major), untempered.</summary>
    public required ImmutableArray<double> Derived { get; init; }

    /// <summary>ln L at the independent prior draws (−∞ where the likelihood is zero).</summary>
    public required ImmutableArray<double> PriorLogLikelihoods { get; init; }

    /// <summary>Accepted swaps per adjacent pair (k, k+1) over the production steps (W proposals per pair and step).</summary>
    public required ImmutableArray<long> SwapsAccepted { get; init; }

    /// <summary>Accepted kernel moves per temperature over the production steps.</summary>
    public required ImmutableArray<long> MovesAccepted { get; init; }

    /// <summary>Per production step and temperature: the walker mean of the untempered ln L.</summary>
    public required ImmutableArray<double> MeanLogLikelihood { get; init; }

    /// <summary>Per production step and temperature: the walker variance (divisor W) of ln L about that step's mean.</summary>
    public required ImmutableArray<double> WithinStepVariance { get; init; }

    /// <summary>Per production step and pair k (K − 1 of them): ln Σ_w exp[(β_k − β_{k+1}) ln L_w] over the walkers of
    /// temperature k + 1, the stepping-stone sum.</summary>
    public required ImmutableArray<double> StoneLogSums { get; init; }

    /// <summary>β = 1 positions over the production steps.</summary>
    public required ImmutableArray<double> ColdPositions { get; init; }

    public required ImmutableArray<double> ColdLogPriors { get; init; }

    public required ImmutableArray<double> ColdLogLikelihoods { get; init; }

    public required ImmutableArray<double> ColdDerived { get; init; }

    /// <summary>Whether the β = 1 walker's kernel proposal was accepted at that step (a swap also moves it).</summary>
    public required ImmutableArray<bool> ColdAccepted { get; init; }

    /// <summary>Number of temperatures K.</summary>
    public int Temperatures => Betas.Length;

    /// <summary>Production steps recorded so far.</summary>
    public long ProductionSteps => Math.Max(0, Step - Settings.BurnInSteps);

    /// <summary>True once burn-in and all production steps are done.</summary>
    public bool IsFinished => Step >= Settings.BurnInSteps + Settings.Steps;
}
