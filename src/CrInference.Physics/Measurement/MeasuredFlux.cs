using CrInference.Core;
using CrInference.Physics.Kinematics;

namespace CrInference.Physics.Measurement;

/// <summary>
/// How a phase-space density f (number per d³x d³p, CGS: cm⁻³ (g cm s⁻¹)⁻³) becomes a measured
/// flux (open choice A.2, docs/CONVENTIONS.md).
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Flux per unit rigidity: J(R) = v p² f (dp/dR), dp/dR = Ze/c; returned in AMS units
/// m⁻² sr⁻¹ s⁻¹ GV⁻¹.</item>
/// <item>Intensity per kinetic energy per nucleon: J_E = J_R dR/d(E_k/n) = J_R A/(Zβ); for protons
/// J_E = p² f (since dp/dT = 1/v), returned in m⁻² sr⁻¹ s⁻¹ (MeV/n)⁻¹ (Voyager units).</item>
/// <item>B/C at equal R: the transport solutions (eqs. 30, 31) are linear in the source, and
/// "f_C h δ(z)/τ_spall at the same rigidity" is read as acting on number densities per unit
/// rigidity, so KQ22's f_B/f_C is the ratio of per-rigidity densities N_B(R)/N_C(R); the
/// measured flux ratio is (v_B(R)/v_C(R)) f_B/f_C with ¹¹B and ¹²C.</item>
/// <item>Data tabulated in E_k/n are compared at the ¹²C rigidity of that E_k/n (A/Z = 2).</item>
/// </list>
/// </remarks>
public static class MeasuredFlux
{
    /// <summary>The boron isotope used for v_B and E_k/n ↔ R (open choice A.3).</summary>
    public static Nucleus Boron => Nucleus.Boron11;

    /// <summary>The carbon isotope used for v_C and E_k/n ↔ R (open choice A.3).</summary>
    public static Nucleus Carbon => Nucleus.Carbon12;

    /// <summary>J(R) = v p² f (dp/dR) of <paramref name="nucleus"/>, m⁻² sr⁻¹ s⁻¹ GV⁻¹, from f in
    /// cm⁻³ (g cm s⁻¹)⁻³ (open choice A.2).</summary>
    public static double FluxPerRigidity(double rigidityGV, Nucleus nucleus, double phaseSpaceDensityCgs)
    {
        double unit = PhysicalConstants.GramCmPerSPerGeVOverC;
        double p = Kinematic.MomentumCgs(Kinematic.MomentumGeV(rigidityGV, nucleus));
        double dpdR = nucleus.ChargeNumber * unit; // g cm s⁻¹ per GV
        double perCm2 = Kinematic.SpeedCmPerS(rigidityGV, nucleus) * p * p * phaseSpaceDensityCgs * dpdR;
        return perCm2 * PhysicalConstants.SquareMetreCm2;
    }

    /// <summary>Proton flux per unit rigidity J(R) = v p² f (dp/dR), m⁻² sr⁻¹ s⁻¹ GV⁻¹.</summary>
    public static double ProtonFluxPerRigidity(double rigidityGV, double phaseSpaceDensityCgs) =>
        FluxPerRigidity(rigidityGV, Nucleus.Proton, phaseSpaceDensityCgs);

    /// <summary>
    /// Converts a flux per unit rigidity (m⁻² sr⁻¹ s⁻¹ GV⁻¹) to an intensity per kinetic energy per
    /// nucleon (m⁻² sr⁻¹ s⁻¹ (MeV/n)⁻¹) at the same R: J_E = J_R A/(Zβ) × 1e-3.
    /// </summary>
    public static double IntensityPerMeVPerNucleon(double rigidityGV, Nucleus nucleus, double fluxPerGV) =>
        fluxPerGV * Kinematic.RigidityPerKineticEnergyPerNucleon(rigidityGV, nucleus) * 1e-3;

    /// <summary>Voyager H intensity per MeV at rigidity R from the proton flux per GV at R:
    /// J_E = J_R dR/dT, dR/dT = 1/β (GV per GeV), × 1e-3 per MeV.</summary>
    public static double ProtonIntensityPerMeV(double rigidityGV, double fluxPerGV) =>
        IntensityPerMeVPerNucleon(rigidityGV, Nucleus.Proton, fluxPerGV);

    /// <summary>v_B(R)/v_C(R) for ¹¹B and ¹²C (→ 1 for R ≫ 1 GV).</summary>
    public static double BoronToCarbonSpeedRatio(double rigidityGV) =>
        Kinematic.BetaAtRigidity(rigidityGV, Boron) / Kinematic.BetaAtRigidity(rigidityGV, Carbon);

    /// <summary>Measured B/C flux ratio at equal rigidity from KQ22's f_B/f_C (open choice A.2):
    /// B/C = (v_B/v_C) f_B/f_C.</summary>
    public static double BoronToCarbonFluxRatio(double rigidityGV, double boronOverCarbonDensity) =>
        BoronToCarbonSpeedRatio(rigidityGV) * boronOverCarbonDensity;

    /// <summary>The ¹²C rigidity (GV) at which a B/C point tabulated at E_k/n (GeV/n) is compared
    /// (open choice A.3: A/Z = 2).</summary>
    public static double CarbonRigidityAtKineticEnergyPerNucleon(double kineticEnergyPerNucleonGeV) =>
        Kinematic.RigidityFromKineticEnergyPerNucleonGV(kineticEnergyPerNucleonGeV, Carbon);

    /// <summary>The proton rigidity (GV) of a Voyager point at kinetic energy T (MeV).</summary>
    public static double ProtonRigidityAtKineticEnergyMeV(double kineticEnergyMeV) =>
        Kinematic.RigidityFromKineticEnergyPerNucleonGV(kineticEnergyMeV * 1e-3, Nucleus.Proton);
}
