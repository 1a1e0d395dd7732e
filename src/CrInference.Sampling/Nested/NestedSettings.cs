namespace CrInference.Sampling.Nested;

/// <summary>Which constrained sampler draws replacement live points.</summary>
public enum ConstrainedSamplerChoice
{
    /// <summary>Rejection from the multi-ellipsoid bound while it is efficient, random-direction slice
    /// sampling otherwise (the rule is in <see cref="NestedSettings"/>).</summary>
    Auto,

    /// <summary>Always rejection from the multi-ellipsoid bound (exact, independent draws).</summary>
    Rejection,

    /// <summary>Always random-direction slice sampling once the unit-cube stage is over.</summary>
    Slice,
}

/// <summary>
/// Settings of <see cref="NestedSampler"/>. Every field except <see cref="MaxThreads"/> changes the
/// result; <see cref="MaxThreads"/> only changes the speed (results are bitwise identical for any value).
/// </summary>
/// <remarks>
/// <para><b>Termination.</b> The main loop stops once the evidence still held by the live points,
/// estimated as ln(Z + L_max X) − ln Z, falls below <see cref="DLogZ"/> (default 0.1 nats); the live
/// points are then added to the dead points with shrinking live counts n, n − 1, …, 1, so the
/// remainder is integrated rather than dropped. A tighter 0.01 costs about n ln 10 more iterations
/// for a change in ln Z far below its statistical error √(H/n) (dynesty's static default is
/// 10⁻³(n − 1) + 0.01 ≈ 0.5 for n = 500).</para>
/// <para><b>Sampler choice (<see cref="ConstrainedSamplerChoice.Auto"/>).</b> While the prior volume
/// is X ≥ <see cref="UnitCubeFraction"/> live points are drawn from the whole unit cube (rejection
/// accepts a fraction ≥ X). Afterwards, for dimension D &lt; <see cref="SliceDimension"/>, rejection
/// from the enlarged multi-ellipsoid is used for as long as its observed efficiency (accepted points
/// per likelihood call since the last bound update, judged once at least
/// 2 × <see cref="BatchSize"/> calls were made) stays ≥ <see cref="MinRejectionEfficiency"/>;
/// below that, or for D ≥ <see cref="SliceDimension"/>, random-direction slice sampling takes over
/// for the rest of the run (one-way: once the ellipsoids no longer follow the contour their
/// efficiency rarely recovers, and judging it again would need rejection draws). A single rejection draw that needs more than
/// 10 / <see cref="MinRejectionEfficiency"/> likelihood calls (Auto only), or more than 10⁶ proposals
/// (any choice), is finished by slice sampling instead.</para>
/// <para><b>Costs seen on the reference problems</b> (n = 500): rejection needs
/// 8 000–27 000 likelihood calls for D ≤ 5; slice sampling needs 3.5–4 calls per slice step, i.e.
/// ≈ 25–30 calls per new point for D ≤ 5 and ≈ 50 for D = 10.</para>
/// </remarks>
public sealed record NestedSettings
{
    /// <summary>Number of live points n (500; σ(ln Z) ≈ √(H/n)).</summary>
    public int LiveCount { get; init; } = 500;

    /// <summary>Stop when ln(Z + L_max X) − ln Z &lt; this (nats).</summary>
    public double DLogZ { get; init; } = 0.1;

    /// <summary>
    /// K: live points replaced per batch. The K worst points are removed one after another with
    /// live counts n, n − 1, …, n − K + 1 and K replacements are drawn in parallel above the highest
    /// removed likelihood. It sets the available parallelism and must not depend on the machine.
    /// </summary>
    public int BatchSize { get; init; } = 16;

    /// <summary>Threads used to draw the K replacements; null = all cores. Does not change results.</summary>
    public int? MaxThreads { get; init; }

    /// <summary>Prior-volume fraction below which the multi-ellipsoid bound replaces the unit cube (0.1).</summary>
    public double UnitCubeFraction { get; init; } = 0.1;

    /// <summary>Volume enlargement of every bounding ellipsoid (1.25, as dynesty without bootstrap).</summary>
    public double Enlargement { get; init; } = 1.25;

    /// <summary>Iterations between bound rebuilds, as a fraction of <see cref="LiveCount"/> (0.2).</summary>
    public double BoundUpdateInterval { get; init; } = 0.2;

    /// <summary>Constrained sampler; see the remarks for the automatic rule.</summary>
    public ConstrainedSamplerChoice Sampler { get; init; } = ConstrainedSamplerChoice.Auto;

    /// <summary>Auto rule: dimension from which slice sampling is used from the start (10).</summary>
    public int SliceDimension { get; init; } = 10;

    /// <summary>Auto rule: rejection efficiency below which slice sampling takes over (0.02).</summary>
    public double MinRejectionEfficiency { get; init; } = 0.02;

    /// <summary>Slice-sampling steps per new point; null = D + 3.</summary>
    public int? Slices { get; init; }

    /// <summary>Simulated runs (shrinkage factors redrawn) for the error estimate of ln Z (50; 0 = none).</summary>
    public int ErrorSimulations { get; init; } = 50;

    /// <summary>Hard limit on nested-sampling iterations (dead points before the final live points).</summary>
    public long MaxIterations { get; init; } = long.MaxValue;

    /// <summary>Hard limit on likelihood calls (checked between batches).</summary>
    public long MaxLikelihoodCalls { get; init; } = long.MaxValue;

    /// <summary>Slice steps per new point for dimension <paramref name="dimension"/>.</summary>
    public int SlicesFor(int dimension) => Slices ?? dimension + 3;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate(int dimension)
    {
        if (dimension < 1) throw new ArgumentException($"nested sampling needs at least one parameter (got {dimension})");
        if (LiveCount < 2 * dimension + 2) throw new ArgumentException($"live: {LiveCount} live points are too few for {dimension} parameters (need at least {2 * dimension + 2})", nameof(LiveCount));
        if (!(DLogZ > 0)) throw new ArgumentException($"dlogz must be > 0 (got {DLogZ})", nameof(DLogZ));
        if (BatchSize < 1 || BatchSize > LiveCount / 2) throw new ArgumentException($"batch size must be in [1, live/2 = {LiveCount / 2}] (got {BatchSize})", nameof(BatchSize));
        if (MaxThreads is < 1) throw new ArgumentException($"threads must be >= 1 (got {MaxThreads})", nameof(MaxThreads));
        if (!(UnitCubeFraction > 0 && UnitCubeFraction <= 1)) throw new ArgumentException($"unit-cube fraction must be in (0, 1] (got {UnitCubeFraction})", nameof(UnitCubeFraction));
        if (!(Enlargement >= 1) || double.IsInfinity(Enlargement)) throw new ArgumentException($"enlargement must be a finite number >= 1 (got {Enlargement})", nameof(Enlargement));
        if (!(BoundUpdateInterval > 0)) throw new ArgumentException($"bound update interval must be > 0 (got {BoundUpdateInterval})", nameof(BoundUpdateInterval));
        if (SliceDimension < 1) throw new ArgumentException($"slice dimension must be >= 1 (got {SliceDimension})", nameof(SliceDimension));
        if (!(MinRejectionEfficiency > 0 && MinRejectionEfficiency < 1)) throw new ArgumentException($"minimum rejection efficiency must be in (0, 1) (got {MinRejectionEfficiency})", nameof(MinRejectionEfficiency));
        if (Slices is < 1) throw new ArgumentException($"slices must be >= 1 (got {Slices})", nameof(Slices));
        if (ErrorSimulations < 0) throw new ArgumentException($"error simulations must be >= 0 (got {ErrorSimulations})", nameof(ErrorSimulations));
        if (MaxIterations < 0 || MaxLikelihoodCalls < 0) throw new ArgumentException("iteration and call limits must be >= 0");
    }
}
