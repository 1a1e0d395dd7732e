using CrInference.Core;

namespace CrInference.Physics.Plasma;

/// <summary>
/// A uniform thermal plasma phase: ion number density n (cm⁻³), temperature T (K) and field
/// strength B (G). Fully ionised hydrogen unless stated. Derived quantities implement the
/// conventions of KQ22's open choices A.6–A.9 and C.21 (docs/CONVENTIONS.md).
/// </summary>
public sealed record PlasmaState(double DensityCm3, double TemperatureK, double FieldG)
{
    /// <summary>Plasma from the units used in parameter files: n in cm⁻³, T in K, B in μG.</summary>
    public static PlasmaState FromMicrogauss(double densityCm3, double temperatureK, double fieldMicrogauss) =>
        new(densityCm3, temperatureK, fieldMicrogauss * PhysicalConstants.MicrogaussG);

    /// <summary>Null when the state is physical, else a one-line reason.</summary>
    public string? Validate(string phase)
    {
        if (!(DensityCm3 > 0) || double.IsInfinity(DensityCm3)) return $"{phase} density must be > 0 cm^-3 (got {DensityCm3})";
        if (!(TemperatureK > 0) || double.IsInfinity(TemperatureK)) return $"{phase} temperature must be > 0 K (got {TemperatureK})";
        if (!(FieldG > 0) || double.IsInfinity(FieldG)) return $"{phase} magnetic field must be > 0 (got {FieldG / PhysicalConstants.MicrogaussG} uG)";
        return null;
    }

    /// <summary>Mass density ρ = n m_p, g cm⁻³ (open choice A.6: pure hydrogen ions, no helium).</summary>
    public double MassDensity => DensityCm3 * PhysicalConstants.ProtonMassG;

    /// <summary>Alfvén speed v_A = B/√(4πρ), cm s⁻¹ (open choice A.6).</summary>
    public double AlfvenSpeed => FieldG / Math.Sqrt(4 * Math.PI * MassDensity);

    /// <summary>Plasma β = 8π n k_B T / B² with n the ion density (open choice A.7; reproduces
    /// KQ22's β ≈ 0.2 warm and ≈ 30 hot).</summary>
    public double Beta => 8 * Math.PI * DensityCm3 * PhysicalConstants.BoltzmannErgPerK * TemperatureK / (FieldG * FieldG);

    /// <summary>Ion thermal speed v_th = √(k_B T/m_p), cm s⁻¹ (open choice A.8).</summary>
    public double ThermalSpeed => Math.Sqrt(PhysicalConstants.BoltzmannErgPerK * TemperatureK / PhysicalConstants.ProtonMassG);

    /// <summary>Non-relativistic proton gyrofrequency Ω₀ = eB/(m_p c), rad s⁻¹ (open choice A.9).</summary>
    public double ProtonGyrofrequency =>
        PhysicalConstants.ElementaryChargeEsu * FieldG / (PhysicalConstants.ProtonMassG * PhysicalConstants.SpeedOfLightCmPerS);

    /// <summary>Temperature in eV.</summary>
    public double TemperatureEv => PhysicalConstants.BoltzmannErgPerK * TemperatureK / PhysicalConstants.ErgPerEv;

    /// <summary>Ion–ion Coulomb logarithm, NRL Plasma Formulary (2019) p. 34, same-species ions at
    /// equal temperature: ln Λ = 23 − ln[(2n)^{1/2} T_eV^{−3/2}].</summary>
    public double CoulombLogarithm => 23.0 - Math.Log(Math.Sqrt(2 * DensityCm3) * Math.Pow(TemperatureEv, -1.5));

    /// <summary>Ion collision time τ_i = 2.09e7 T_eV^{3/2} μ^{1/2}/(n ln Λ) s with μ = 1
    /// (NRL Plasma Formulary 2019, p. 37; Braginskii 1965).</summary>
    public double IonCollisionTime => 2.09e7 * Math.Pow(TemperatureEv, 1.5) / (DensityCm3 * CoulombLogarithm);

    /// <summary>Ion mean free path l_mfp = v_th τ_i, cm (≈ 1e13 cm in the warm ISM, KQ22 §3).</summary>
    public double IonMeanFreePath => ThermalSpeed * IonCollisionTime;

    /// <summary>Kinematic Braginskii parallel viscosity ν_B = l_mfp v_th, cm² s⁻¹ (KQ22 eq. A5,
    /// "ν_B ∼ l_mfp v_th"; open choice C.21). Equals η₀/ρ with η₀ = 0.96 n k T τ_i up to 0.96.</summary>
    public double BraginskiiViscosity => IonMeanFreePath * ThermalSpeed;

    /// <summary>Dynamic Braginskii viscosity η₀ = 0.96 n k_B T τ_i, g cm⁻¹ s⁻¹ (Braginskii 1965), for reference.</summary>
    public double BraginskiiDynamicViscosity =>
        0.96 * DensityCm3 * PhysicalConstants.BoltzmannErgPerK * TemperatureK * IonCollisionTime;
}
