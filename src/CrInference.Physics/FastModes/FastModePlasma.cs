using CrInference.Core;
using CrInference.Physics.Plasma;
using CrInference.Physics.Transport;

namespace CrInference.Physics.FastModes;

/// <summary>
/// The dimensionless description of one phase carrying a weak fast-mode cascade (KQ22 §3,
/// Appendix A). Lengths are in units of the outer scale L (x = kL), rates in units of v_A/L.
/// </summary>
/// <remarks>
/// Cascade rate (A4, open choice C.20): τ⁻¹ = (k/L)^{1/2} δV²/V_ph with δV = ℳ_A v_A and V_ph = v_A,
/// i.e. τ⁻¹ L/v_A = ℳ_A² x^{1/2}. Viscous damping (A5, C.21): Γ L/v_A = ν̂ x² ⟨sin²θ⟩/6 with
/// ν̂ = ν_B/(v_A L), ν_B = l_mfp v_th. Collisionless damping (A6, C.19): Γ L/v_A = x ⟨h(θ)⟩.
/// Regime switch (C.22): viscous while k∥ l_mfp v_A/v_th &lt; 1, i.e. x cos θ &lt; x_c∥ = L v_th/(l_mfp v_A).
/// </remarks>
public sealed class FastModePlasma
{
    private FastModePlasma(TurbulenceSpec spec)
    {
        Spec = spec;
        var p = spec.Plasma;
        AlfvenMach = spec.AlfvenMach;
        OuterScaleCm = spec.OuterScaleCm;
        AlfvenSpeed = p.AlfvenSpeed;
        Beta = p.Beta;
        ThermalSpeed = p.ThermalSpeed;
        MeanFreePath = p.IonMeanFreePath;
        ViscosityHat = p.BraginskiiViscosity / (AlfvenSpeed * OuterScaleCm);
        ParallelSwitch = OuterScaleCm * ThermalSpeed / (MeanFreePath * AlfvenSpeed);
        ProtonGyrofrequency = p.ProtonGyrofrequency;
        CoulombLogarithm = p.CoulombLogarithm;
    }

    /// <summary>Largest fast-mode Alfvén Mach number accepted (KQ22 use ℳ_A ≤ 1; weak turbulence needs ℳ_A ≲ 1).</summary>
    public const double MaxAlfvenMach = 2.0;

    /// <summary>Electron-to-proton mass ratio m_e/m_i of A6 (hydrogen plasma, m_i = m_p).</summary>
    public const double ElectronProtonMassRatio = PhysicalConstants.ElectronMassG / PhysicalConstants.ProtonMassG;

    /// <summary>The input specification.</summary>
    public TurbulenceSpec Spec { get; }

    /// <summary>Fast-mode Alfvén Mach number ℳ_A at the outer scale.</summary>
    public double AlfvenMach { get; }

    /// <summary>Outer scale L, cm.</summary>
    public double OuterScaleCm { get; }

    /// <summary>Alfvén speed v_A, cm s⁻¹.</summary>
    public double AlfvenSpeed { get; }

    /// <summary>Plasma β = 8π n k T/B².</summary>
    public double Beta { get; }

    /// <summary>Ion thermal speed √(kT/m_p), cm s⁻¹.</summary>
    public double ThermalSpeed { get; }

    /// <summary>Ion mean free path l_mfp, cm.</summary>
    public double MeanFreePath { get; }

    /// <summary>ν̂ = ν_B/(v_A L), the Braginskii viscosity in units of v_A L (A5).</summary>
    public double ViscosityHat { get; }

    /// <summary>x_c∥ = L v_th/(l_mfp v_A): modes with x cos θ &lt; x_c∥ are collisional (switch rule after A7).</summary>
    public double ParallelSwitch { get; }

    /// <summary>Non-relativistic proton gyrofrequency Ω₀, rad s⁻¹.</summary>
    public double ProtonGyrofrequency { get; }

    /// <summary>Ion Coulomb logarithm.</summary>
    public double CoulombLogarithm { get; }

    /// <summary>Validates <paramref name="spec"/> and builds the dimensionless plasma, or returns a one-line reason.</summary>
    public static string? TryCreate(TurbulenceSpec spec, out FastModePlasma? plasma)
    {
        plasma = null;
        if (spec is null) return "fast-mode turbulence spec is missing";
        string? bad = spec.Plasma.Validate("fast-mode plasma");
        if (bad is not null) return bad;
        double ma = spec.AlfvenMach;
        if (!(ma > 0) || !(ma <= MaxAlfvenMach))
            return $"fast-mode Alfven Mach number must be in (0, {MaxAlfvenMach}] (got {ma})";
        if (!(spec.OuterScaleCm > 0) || double.IsInfinity(spec.OuterScaleCm))
            return $"fast-mode outer scale must be > 0 and finite (got {spec.OuterScaleCm / PhysicalConstants.ParsecCm} pc)";
        double lnLambda = spec.Plasma.CoulombLogarithm;
        if (!(lnLambda >= 2))
            return $"fast-mode plasma is too dense or cold for Braginskii viscosity (Coulomb logarithm {lnLambda:G3} < 2)";
        var candidate = new FastModePlasma(spec);
        if (!double.IsFinite(candidate.ViscosityHat) || !double.IsFinite(candidate.ParallelSwitch) ||
            !(candidate.ViscosityHat > 0) || !(candidate.ParallelSwitch > 0))
            return "fast-mode plasma gives a non-finite viscosity or mean free path";
        plasma = candidate;
        return null;
    }
}
