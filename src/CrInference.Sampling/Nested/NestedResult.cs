using System.Collections.Immutable;

namespace CrInference.Sampling.Nested;

/// <summary>
/// Outcome of a nested-sampling run. <see cref="LogZError"/> is Skilling's statistical error √(H/n);
/// <see cref="LogZErrorSimulated"/> is the standard deviation of ln Z over runs in which every
/// shrinkage factor t_i ~ Beta(n_i, 1) was redrawn for the same dead-point sequence (NaN when
/// <see cref="NestedSettings.ErrorSimulations"/> is 0). Neither includes the error from correlated
/// slice-sampling draws. <see cref="Weights"/> are the normalised posterior weights of
/// <see cref="DeadPoints"/> (summing to 1); <see cref="EffectiveSampleSize"/> = 1 / Σ w².
/// </summary>
public sealed record NestedResult
{
    public required double LogZ { get; init; }

    public required double LogZError { get; init; }

    public required double LogZErrorSimulated { get; init; }

    /// <summary>Information H = D_KL(posterior ‖ prior), nats.</summary>
    public required double Information { get; init; }

    public required long LikelihoodCalls { get; init; }

    /// <summary>Main-loop iterations (dead points before the final live points were added).</summary>
    public required long Iterations { get; init; }

    public required NestedStatus Status { get; init; }

    public required ImmutableArray<DeadPoint> DeadPoints { get; init; }

    public required ImmutableArray<double> Weights { get; init; }

    public required double EffectiveSampleSize { get; init; }

    /// <summary>Number of multi-ellipsoid bound rebuilds.</summary>
    public required int BoundUpdates { get; init; }

    /// <summary>Iteration from which slice sampling was used; null when rejection ran to the end.</summary>
    public required long? SliceFromIteration { get; init; }
}
