using CrInference.Physics.Plasma;

namespace CrInference.Physics.Transport;

/// <summary>
/// Extrinsic turbulence seen by cosmic rays: a plasma phase plus the fast-mode turbulence
/// driven in it (Alfvén Mach number ℳ_A of the fast-mode branch at the outer scale L).
/// </summary>
public sealed record TurbulenceSpec(PlasmaState Plasma, double AlfvenMach, double OuterScaleCm);

/// <summary>
/// The κ_turb(R) of KQ22 §3 and Appendix A as a pluggable piece: the spatial (parallel)
/// diffusion coefficient of <em>protons</em> at each rigidity, in cm² s⁻¹. Other species at
/// the same rigidity use κ_B = κ_p v_B/v_p (KQ22 footnote 3), applied by the caller.
/// Implementations: a power law κ₀(R/R₀)^δ stand-in, and the damped fast-mode cascade
/// (isotropic, anisotropic, weak shocks). Implementations must be thread-safe.
/// </summary>
public interface ITurbulentDiffusion
{
    /// <summary>Short name recorded in manifests, e.g. <c>power-law</c> or <c>fast-modes/isotropic</c>.</summary>
    string Name { get; }

    /// <summary>Fills <paramref name="kappaCm2PerS"/> with κ_p at <paramref name="rigidityGV"/>.
    /// Returns null on success, else a one-line reason (no NaN is ever written on success).</summary>
    string? Compute(TurbulenceSpec turbulence, ReadOnlySpan<double> rigidityGV, Span<double> kappaCm2PerS);

    /// <summary>The same, told which rigidities are <paramref name="derived"/>: they feed only derived quantities (a parent's
    /// rigidity, a loss-integration mesh) and may be obtained to a looser, still stated accuracy by an implementation that
    /// interpolates (the fast-mode κ: <see cref="FastModes.KappaInterpolation.DerivedTolerance"/>). Default: every point exact.</summary>
    string? Compute(TurbulenceSpec turbulence, ReadOnlySpan<double> rigidityGV, Span<double> kappaCm2PerS, ReadOnlySpan<bool> derived) =>
        Compute(turbulence, rigidityGV, kappaCm2PerS);
}
