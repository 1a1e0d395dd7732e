using System.Collections.Immutable;
using CrInference.Sampling.Chains;

namespace CrInference.Sampling.Tempering;

/// <summary>
/// Outcome of a parallel-tempering run: the ladder, ⟨ln L⟩_β per temperature, swap statistics, ln Z by
/// thermodynamic integration (<see cref="LogZ"/>, see <see cref="ThermodynamicIntegration"/>) and by
/// stepping stones (<see cref="LogZSteppingStone"/>), and the β = 1 chain.
/// </summary>
/// <remarks>
/// <para><b>Errors.</b> Statistical errors are block-bootstrap standard deviations (Künsch 1989): the
/// production steps are cut into <see cref="TemperingSettings.BootstrapBlocks"/> contiguous blocks of
/// <see cref="BlockLength"/> steps; a replicate draws that many blocks with replacement — the same
/// blocks for every temperature, so the correlation that swaps create between temperatures is kept —
/// and redraws the prior draws i.i.d.; every estimate is recomputed from the replicate. This is valid
/// while the blocks are longer than the autocorrelation time of the per-step estimates; see
/// <see cref="IntegratedTime"/> and <see cref="ErrorsTrusted"/>.
/// <see cref="LogZError"/> = √(<see cref="LogZStatisticalError"/>² + <see cref="LogZDiscretisationError"/>²).
/// The stepping-stone error is statistical only (the estimator has no ladder bias beyond its
/// finite-sample bias, which shrinks with the sample); |TI − SS| is a check of both.</para>
/// </remarks>
public sealed record TemperingResult
{
    /// <summary>The (final, fixed) ladder, β_0 = 1 first.</summary>
    public required ImmutableArray<double> Betas { get; init; }

    /// <summary>⟨ln L⟩_β per temperature over the production steps (untempered ln L).</summary>
    public required ImmutableArray<double> MeanLogLikelihood { get; init; }

    /// <summary>Bootstrap standard deviation of <see cref="MeanLogLikelihood"/>.</summary>
    public required ImmutableArray<double> MeanLogLikelihoodError { get; init; }

    /// <summary>Var_β(ln L) per temperature (= d⟨ln L⟩_β/dβ).</summary>
    public required ImmutableArray<double> LogLikelihoodVariance { get; init; }

    /// <summary>⟨ln L⟩ under the prior over the draws with L &gt; 0 (β = 0 end of the integral).</summary>
    public required double PriorMeanLogLikelihood { get; init; }

    /// <summary>Bootstrap standard deviation of <see cref="PriorMeanLogLikelihood"/>.</summary>
    public required double PriorMeanLogLikelihoodError { get; init; }

    /// <summary>Fraction of the prior draws with L &gt; 0 (ln of it is added to both ln Z estimates).</summary>
    public required double PriorFiniteFraction { get; init; }

    public required int PriorDraws { get; init; }

    /// <summary>Accepted fraction of the swap proposals of each adjacent pair (k, k+1) over production.</summary>
    public required ImmutableArray<double> SwapAcceptance { get; init; }

    /// <summary>Accepted fraction of the kernel proposals per temperature over production.</summary>
    public required ImmutableArray<double> MoveAcceptance { get; init; }

    /// <summary>ln Z by thermodynamic integration (cubic-Hermite rule, see <see cref="ThermodynamicIntegration"/>).</summary>
    public required double LogZ { get; init; }

    /// <summary>Total error of <see cref="LogZ"/>: statistical and discretisation in quadrature.</summary>
    public required double LogZError { get; init; }

    public required double LogZStatisticalError { get; init; }

    /// <summary>|I(ladder) − I(every other temperature)|, a conservative bound on the quadrature error.</summary>
    public required double LogZDiscretisationError { get; init; }

    /// <summary>The plain trapezoid in β, for reference (not used for <see cref="LogZ"/>).</summary>
    public required double LogZTrapezoid { get; init; }

    /// <summary>ln Z by the stepping-stone estimator.</summary>
    public required double LogZSteppingStone { get; init; }

    /// <summary>Bootstrap standard deviation of <see cref="LogZSteppingStone"/>.</summary>
    public required double LogZSteppingStoneError { get; init; }

    /// <summary>Integrated autocorrelation time, in steps, of the per-step thermodynamic-integration sum
    /// Σ_k c_k ⟨ln L⟩_{β_k}(t) (trapezoid weights c_k); +∞ when it cannot be estimated.</summary>
    public required double IntegratedTime { get; init; }

    /// <summary>Steps per bootstrap block (the shortest block when they differ by one).</summary>
    public required int BlockLength { get; init; }

    /// <summary>True when <see cref="BlockLength"/> ≥ 2 × <see cref="IntegratedTime"/>: the blocks are long
    /// enough for the bootstrap to see the chain's correlations. False means run longer.</summary>
    public required bool ErrorsTrusted { get; init; }

    /// <summary>Production steps used.</summary>
    public required long Steps { get; init; }

    public required long BurnInSteps { get; init; }

    public required int Walkers { get; init; }

    public required long LikelihoodCalls { get; init; }

    /// <summary>
    /// The β = 1 ensemble over the production steps, ready for an <see cref="IChainSink"/>:
    /// <see cref="ChainBlock.FirstStep"/> = burn-in steps, so the <c>draw</c> column counts from the start
    /// of the run; derived values are the posterior's own (untempered); ln L is untempered (β = 1).
    /// </summary>
    public required ChainBlock ColdChain { get; init; }

    /// <summary>Number of temperatures K.</summary>
    public int Temperatures => Betas.Length;
}
