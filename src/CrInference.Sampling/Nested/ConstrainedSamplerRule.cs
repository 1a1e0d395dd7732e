namespace CrInference.Sampling.Nested;

/// <summary>
/// The automatic choice between rejection and slice sampling documented on <see cref="NestedSettings"/>:
/// slice from the start for D ≥ <see cref="NestedSettings.SliceDimension"/> (ellipsoidal rejection
/// efficiency decays roughly exponentially with D; dynesty's 'auto' makes the same cut at D = 10),
/// otherwise rejection until its efficiency since the last bound update drops below
/// <see cref="NestedSettings.MinRejectionEfficiency"/>, after which slice sampling is cheaper per
/// point (≈ 5–6 calls per slice step × (D + 3) steps, i.e. 25–50 calls for D ≤ 5) and stays on.
/// </summary>
internal static class ConstrainedSamplerRule
{
    public static ConstrainedSamplerChoice Initial(NestedSettings settings, int dimension) => settings.Sampler switch
    {
        ConstrainedSamplerChoice.Rejection => ConstrainedSamplerChoice.Rejection,
        ConstrainedSamplerChoice.Slice => ConstrainedSamplerChoice.Slice,
        _ => dimension >= settings.SliceDimension ? ConstrainedSamplerChoice.Slice : ConstrainedSamplerChoice.Rejection,
    };

    /// <summary>True when the run should leave rejection for slice sampling before the next batch.</summary>
    public static bool SwitchToSlice(NestedState state) =>
        state.Settings.Sampler == ConstrainedSamplerChoice.Auto
        && state.ActiveSampler == ConstrainedSamplerChoice.Rejection
        && !state.Bound.IsEmpty
        && state.WindowCalls >= 2L * state.Settings.BatchSize
        && state.WindowAccepted < state.Settings.MinRejectionEfficiency * state.WindowCalls;

    /// <summary>Likelihood calls one rejection draw may spend before slice sampling finishes it.</summary>
    public static long RejectionCallLimit(NestedSettings settings) =>
        settings.Sampler == ConstrainedSamplerChoice.Auto
            ? (long)Math.Ceiling(10 / settings.MinRejectionEfficiency)
            : long.MaxValue;
}
