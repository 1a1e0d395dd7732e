using CrInference.Core;
using CrInference.Physics.Kinematics;

namespace CrInference.Physics.Interactions;

/// <summary>
/// Boron production by carbon spallation in the thin disk (KQ22 §4.1.2, open choices A.4, A.5):
/// τ_spall = 1/(n σ v_C) with σ energy independent (KQ22: 61 mb) and v_C the ¹²C speed at the
/// rigidity R of the boron it feeds (fragmentation rigidity shift ignored).
/// </summary>
public static class Spallation
{
    /// <summary>KQ22's C → B cross-section, mb (§4.1.2).</summary>
    public const double Kq22CrossSectionMb = 61.0;

    /// <summary>τ_spall = 1/(n σ v_C(R)) in s; n in cm⁻³, σ in mb (open choice A.5).</summary>
    public static double TimeS(double rigidityGV, double densityCm3, double crossSectionMb) =>
        1.0 / InverseTimePerS(rigidityGV, densityCm3, crossSectionMb);

    /// <summary>1/τ_spall = n σ v_C(R), s⁻¹.</summary>
    public static double InverseTimePerS(double rigidityGV, double densityCm3, double crossSectionMb) =>
        densityCm3 * crossSectionMb * PhysicalConstants.MillibarnCm2 * Kinematic.SpeedCmPerS(rigidityGV, Nucleus.Carbon12);

    /// <summary>h/τ_spall (cm s⁻¹), the boron "source speed" of KQ22 eq. 30: the B source is
    /// f_C (h/τ_spall) per side for a disk of half-thickness h (cm) (open choice A.5).</summary>
    public static double SourceSpeedCmPerS(double rigidityGV, double diskHalfThicknessCm, double densityCm3, double crossSectionMb) =>
        diskHalfThicknessCm * InverseTimePerS(rigidityGV, densityCm3, crossSectionMb);
}
