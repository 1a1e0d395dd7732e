using CrInference.Core;
using CrInference.Physics.Kinematics;
using CrInference.Physics.Models;
using CrInference.Physics.Transport;

namespace CrInference.Physics.FastModes;

/// <summary>
/// Weak-shock transport (KQ22 §5.1, Figure 7 blue dotted): fast modes steepen into weak shocks faster than
/// they cascade (eq. 34) and dissipate (eq. 35); CRs whose gyroradius exceeds the shock width are scattered by
/// single strong events at the shocks, so the mean free path is the shock separation λ and κ = v λ/3,
/// energy independent for v ≈ c (open choice C.30: O(1) shocks, λ = 10 pc by default; v is the proton speed so
/// that κ_B = κ_p v_B/v_p keeps the same λ). Only the plasma inputs are validated; κ does not depend on them.
/// </summary>
public sealed class WeakShockDiffusion : ITurbulentDiffusion
{
    /// <summary>Default shock separation, pc (KQ22 §5.1: "O(1) shocks separated by ∼ 10 pc").</summary>
    public const double DefaultSeparationPc = 10.0;

    /// <summary>Parameter name of the shock separation (pc).</summary>
    public const string SeparationName = "shock_separation_pc";

    private WeakShockDiffusion(double separationPc) => SeparationPc = separationPc;

    /// <summary>Shared default instance (λ = 10 pc).</summary>
    public static WeakShockDiffusion Default { get; } = new(DefaultSeparationPc);

    /// <summary>Catalog entry <c>fast-modes-shocks</c>.</summary>
    public static TurbulentDiffusionEntry Entry { get; } = new(
        "fast-modes-shocks",
        "weak shocks from steepened fast modes, kappa = v lambda/3 (KQ22 sec. 5.1)",
        [new ModelParameter(SeparationName, "pc", DefaultSeparationPc, "separation of O(1) weak shocks = CR mean free path (KQ22 sec. 5.1)", Minimum: 0, Maximum: 1e5, Latex: @"\lambda_{\rm sh}")],
        input => TryCreate(input[SeparationName], out var d) is null ? d! : throw new ArgumentException($"{SeparationName} must be > 0 and finite (got {input[SeparationName]})"));

    /// <summary>Shock separation λ, pc.</summary>
    public double SeparationPc { get; }

    /// <inheritdoc />
    public string Name => "fast-modes/shocks";

    /// <summary>Builds the diffusion, or returns a one-line reason.</summary>
    public static string? TryCreate(double separationPc, out WeakShockDiffusion? diffusion)
    {
        diffusion = null;
        if (!(separationPc > 0) || double.IsInfinity(separationPc)) return $"shock separation must be > 0 pc and finite (got {separationPc})";
        diffusion = separationPc == DefaultSeparationPc ? Default : new WeakShockDiffusion(separationPc);
        return null;
    }

    /// <inheritdoc />
    public string? Compute(TurbulenceSpec turbulence, ReadOnlySpan<double> rigidityGV, Span<double> kappaCm2PerS)
    {
        string? bad = FastKappaSolver.Validate(turbulence, rigidityGV, kappaCm2PerS.Length, out _);
        if (bad is not null) return bad;
        double lambda = SeparationPc * PhysicalConstants.ParsecCm;
        for (int i = 0; i < rigidityGV.Length; i++)
            kappaCm2PerS[i] = Kinematic.SpeedCmPerS(rigidityGV[i], Nucleus.Proton) * lambda / 3.0;
        return null;
    }
}
