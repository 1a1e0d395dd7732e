using System.Collections.Immutable;
using CrInference.Sampling.Diagnostics;

namespace CrInference.Sampling.Ensemble;

/// <summary>Why <see cref="EnsembleSampler.RunAsync"/> returned.</summary>
public enum EnsembleStopReason
{
    /// <summary>All requested steps were taken.</summary>
    Completed,

    /// <summary>The <see cref="ConvergenceRule"/> was met.</summary>
    Converged,

    /// <summary>Cancellation was requested; the steps taken so far were handed to the sink.</summary>
    Cancelled,
}

/// <summary>The outcome of one <see cref="EnsembleSampler.RunAsync"/> call.</summary>
/// <param name="FinalState">The ensemble after the last step taken (resume from it with the same root key).</param>
/// <param name="StepsTaken">Steps taken in this call.</param>
/// <param name="StopReason">Why the call returned.</param>
/// <param name="AcceptanceFraction">Accepted proposals / (walkers × steps) in this call (NaN if no step).</param>
/// <param name="LikelihoodEvaluations">Likelihood calls in this call.</param>
/// <param name="LatestTau">Latest τ estimates per parameter (empty if none were made).</param>
/// <param name="Elapsed">Wall time of the call.</param>
/// <param name="WalkersRelocated">Walkers moved by <see cref="EnsembleSamplerOptions.RelocateLagging"/> in this call.</param>
public sealed record EnsembleRunResult(
    EnsembleState FinalState,
    long StepsTaken,
    EnsembleStopReason StopReason,
    double AcceptanceFraction,
    long LikelihoodEvaluations,
    ImmutableArray<AutocorrelationEstimate> LatestTau,
    TimeSpan Elapsed,
    long WalkersRelocated = 0);
