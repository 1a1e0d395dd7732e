using System.Collections.Immutable;
using CrInference.Core.Random;

namespace CrInference.Sampling.Nested;

/// <summary>
/// The complete state of a nested-sampling run between two batches: plain data, never mutated,
/// serialisable as it is (e.g. System.Text.Json with named floating-point literals for −∞).
/// <see cref="NestedSampler.Step"/> maps one state to the next; continuing from a restored state gives
/// bitwise the result of an uninterrupted run, because every random number of batch b comes from
/// <c>Key</c> split by b and by slot, and nothing else carries over.
/// </summary>
public sealed record NestedState
{
    /// <summary>Settings the run was started with (all but <see cref="NestedSettings.MaxThreads"/> fix the result).</summary>
    public required NestedSettings Settings { get; init; }

    /// <summary>Root key of the run.</summary>
    public required RandomKey Key { get; init; }

    /// <summary>Number of sampled parameters D.</summary>
    public required int Dimension { get; init; }

    /// <summary>Live points (n of them between batches; order is part of the state).</summary>
    public required ImmutableArray<NestedPoint> Live { get; init; }

    /// <summary>Dead points so far, in removal order.</summary>
    public required ImmutableList<DeadPoint> Dead { get; init; }

    /// <summary>Main-loop iterations so far (one per dead point removed before termination).</summary>
    public required long Iteration { get; init; }

    /// <summary>Batches done so far; batch b draws its random numbers from Key.Split(b).</summary>
    public required long Batch { get; init; }

    /// <summary>Likelihood calls so far, including the initial prior draws.</summary>
    public required long LikelihoodCalls { get; init; }

    /// <summary>ln of the expected prior volume still enclosed by the live points.</summary>
    public required double LogX { get; init; }

    /// <summary>ln of the prior fraction with a finite likelihood, estimated from the initial draws (0 when all were finite).</summary>
    public required double InitialLogX { get; init; }

    /// <summary>ln Z accumulated over the dead points.</summary>
    public required double LogZ { get; init; }

    /// <summary>Information H = ∫ p ln(p/π) (nats) accumulated over the dead points.</summary>
    public required double Information { get; init; }

    /// <summary>ln L of the last dead point (−∞ before the first), for the trapezoid weights.</summary>
    public required double LastLogLikelihood { get; init; }

    /// <summary>Current multi-ellipsoid bound in the unit cube; empty while the unit cube itself is the bound.</summary>
    public required ImmutableArray<EllipsoidShape> Bound { get; init; }

    /// <summary>Iteration at which <see cref="Bound"/> was built.</summary>
    public required long BoundIteration { get; init; }

    /// <summary>Number of bound rebuilds so far.</summary>
    public required int BoundUpdates { get; init; }

    /// <summary>Sampler in use after the unit-cube stage: Rejection or Slice (never Auto).</summary>
    public required ConstrainedSamplerChoice ActiveSampler { get; init; }

    /// <summary>Iteration from which slice sampling replaced rejection from the bound (0 when it was
    /// chosen from the start); null while rejection is in use.</summary>
    public required long? SliceFromIteration { get; init; }

    /// <summary>Slice interval scale in units of the local ellipsoid's axes (adapted per batch).</summary>
    public required double SliceScale { get; init; }

    /// <summary>Likelihood calls spent by rejection draws since the bound was built.</summary>
    public required long WindowCalls { get; init; }

    /// <summary>Rejection draws accepted since the bound was built.</summary>
    public required long WindowAccepted { get; init; }

    /// <summary>Running, or why the run stopped.</summary>
    public required NestedStatus Status { get; init; }

    /// <summary>True once the final live points have been added to <see cref="Dead"/>.</summary>
    public bool IsFinished => Status != NestedStatus.Running;
}
