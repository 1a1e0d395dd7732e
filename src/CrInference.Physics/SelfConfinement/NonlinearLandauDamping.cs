using CrInference.Core;
using CrInference.Physics.Kinematics;
using CrInference.Physics.Numerics;
using CrInference.Physics.Plasma;

namespace CrInference.Physics.SelfConfinement;

/// <summary>
/// Self-confinement with nonlinear Landau damping (NLLD), KQ22 §2.1.2, eqs. 10–16 and 30, in the
/// closed forms of EQUATIONS.md §1.1: with a ≡ X²/(Q v_A),
/// f_p(z) = (Q/v_A)(r − z)/(r − z + a) (eq. 14, f_p(r) = 0) and
/// f_B/f_C = (h/(v_A τ_spall)) [1 − (a/(r − z + a))^s], s = v_p/v_B (eq. 30).
/// </summary>
public static class NonlinearLandauDamping
{
    /// <summary>
    /// KQ22 eq. 11: X = [v_p²/(2π²Ω₀)] [8 v_th Ω₀ B²/(m_p v_A v_p³ p³)]^{1/2}, the NLLD coefficient of
    /// κ_sc = X |∂f_p/∂z|^{−1/2} (eq. 10), in g^{−3/2} cm^{−3/2} s^{1/2}. Inputs CGS: v_p (the actual
    /// proton speed at p — not c; open choice B.12), v_th, v_A cm s⁻¹; Ω₀ rad s⁻¹ (non-relativistic);
    /// B gauss; m_p g; p g cm s⁻¹. The "∼" of eq. 11 is taken as "=" (order-unity prefactor 1).
    /// </summary>
    public static double Coefficient(double protonSpeed, double thermalSpeed, double gyrofrequency, double fieldG,
        double ionMassG, double alfvenSpeed, double momentumCgs)
    {
        double inner = 8 * thermalSpeed * gyrofrequency * fieldG * fieldG
            / (ionMassG * alfvenSpeed * protonSpeed * protonSpeed * protonSpeed * momentumCgs * momentumCgs * momentumCgs);
        return protonSpeed * protonSpeed / (2 * Math.PI * Math.PI * gyrofrequency) * Math.Sqrt(inner);
    }

    /// <summary>Eq. 11 for protons of rigidity R (GV) in <paramref name="plasma"/> (v_th = √(kT/m_p), Ω₀ = eB/(m_p c)).</summary>
    public static double CoefficientAtRigidity(PlasmaState plasma, double rigidityGV)
    {
        double pGeV = Kinematic.MomentumGeV(rigidityGV, Nucleus.Proton);
        return Coefficient(Kinematic.SpeedCmPerS(rigidityGV, Nucleus.Proton), plasma.ThermalSpeed, plasma.ProtonGyrofrequency,
            plasma.FieldG, PhysicalConstants.ProtonMassG, plasma.AlfvenSpeed, Kinematic.MomentumCgs(pGeV));
    }

    /// <summary>The NLLD length a = X²/(Q v_A), cm (EQUATIONS.md §1.1; f_p(0) = (Q/v_A) r/(r + a)).</summary>
    public static double Length(double coefficient, double injectionRate, double alfvenSpeed) =>
        coefficient * coefficient / (injectionRate * alfvenSpeed);

    /// <summary>KQ22 eq. 14 as f_p(z) v_A/Q = (r − z)/(r − z + a), 0 ≤ z ≤ r (all lengths cm).</summary>
    public static double HaloDensityOverStreaming(double length, double haloRadiusCm, double heightCm) =>
        (haloRadiusCm - heightCm) / (haloRadiusCm - heightCm + length);

    /// <summary>
    /// The bracket of KQ22 eq. 30, 1 − (a/(r − z + a))^s with s = v_p/v_B, computed as
    /// −expm1(−s ln(1 + (r − z)/a)) so that it stays accurate when a ≫ r.
    /// </summary>
    public static double HaloBoronFactor(double length, double haloRadiusCm, double heightCm, double speedRatio)
    {
        double d = haloRadiusCm - heightCm;
        return -StableMath.ExpM1(-speedRatio * StableMath.Log1P(d / length));
    }
}
