using CrInference.Core;

namespace CrInference.Physics.Kinematics;

/// <summary>
/// Relativistic kinematics of a nucleus: rigidity R (GV) ↔ momentum p (GeV/c) ↔ total and
/// kinetic energy (GeV) ↔ kinetic energy per nucleon E_k/n (GeV/n) ↔ speed v. R = pc/(Ze):
/// with p in GeV/c and R in GV, p = Z R. Kinetic energy is computed as p²/(E + m) to avoid the
/// cancellation of E − m at low energy, so the round trips hold to ~1e-15.
/// </summary>
public static class Kinematic
{
    /// <summary>p (GeV/c) = Z R.</summary>
    public static double MomentumGeV(double rigidityGV, Nucleus nucleus) => nucleus.ChargeNumber * rigidityGV;

    /// <summary>R (GV) = p / Z.</summary>
    public static double RigidityGV(double momentumGeV, Nucleus nucleus) => momentumGeV / nucleus.ChargeNumber;

    /// <summary>Total energy E = √(p² + m²), GeV.</summary>
    public static double TotalEnergyGeV(double momentumGeV, Nucleus nucleus) =>
        Math.Sqrt(momentumGeV * momentumGeV + nucleus.RestEnergyGeV * nucleus.RestEnergyGeV);

    /// <summary>Kinetic energy T = p²/(E + m), GeV.</summary>
    public static double KineticEnergyGeV(double momentumGeV, Nucleus nucleus) =>
        momentumGeV * momentumGeV / (TotalEnergyGeV(momentumGeV, nucleus) + nucleus.RestEnergyGeV);

    /// <summary>Kinetic energy per nucleon T/A, GeV/n, at rigidity R.</summary>
    public static double KineticEnergyPerNucleonGeV(double rigidityGV, Nucleus nucleus) =>
        KineticEnergyGeV(MomentumGeV(rigidityGV, nucleus), nucleus) / nucleus.MassNumber;

    /// <summary>Momentum from kinetic energy T (GeV): p = √(T² + 2Tm).</summary>
    public static double MomentumFromKineticEnergyGeV(double kineticGeV, Nucleus nucleus) =>
        Math.Sqrt(kineticGeV * (kineticGeV + 2 * nucleus.RestEnergyGeV));

    /// <summary>Rigidity (GV) from kinetic energy per nucleon (GeV/n).</summary>
    public static double RigidityFromKineticEnergyPerNucleonGV(double kineticPerNucleonGeV, Nucleus nucleus) =>
        RigidityGV(MomentumFromKineticEnergyGeV(kineticPerNucleonGeV * nucleus.MassNumber, nucleus), nucleus);

    /// <summary>β = v/c = p/E.</summary>
    public static double Beta(double momentumGeV, Nucleus nucleus) => momentumGeV / TotalEnergyGeV(momentumGeV, nucleus);

    /// <summary>β = v/c at rigidity R.</summary>
    public static double BetaAtRigidity(double rigidityGV, Nucleus nucleus) => Beta(MomentumGeV(rigidityGV, nucleus), nucleus);

    /// <summary>Momentum (GeV/c) from β = v/c: p = m β/√((1 − β)(1 + β)). Ill-conditioned for β → 1
    /// (relative error ≈ γ² × machine epsilon), because β itself rounds towards 1.</summary>
    public static double MomentumFromBetaGeV(double beta, Nucleus nucleus) =>
        nucleus.RestEnergyGeV * beta / Math.Sqrt((1 - beta) * (1 + beta));

    /// <summary>Speed v at rigidity R, cm s⁻¹.</summary>
    public static double SpeedCmPerS(double rigidityGV, Nucleus nucleus) =>
        BetaAtRigidity(rigidityGV, nucleus) * PhysicalConstants.SpeedOfLightCmPerS;

    /// <summary>Lorentz factor γ = E/m.</summary>
    public static double LorentzFactor(double momentumGeV, Nucleus nucleus) =>
        TotalEnergyGeV(momentumGeV, nucleus) / nucleus.RestEnergyGeV;

    /// <summary>Momentum in CGS, g cm s⁻¹, from GeV/c.</summary>
    public static double MomentumCgs(double momentumGeV) => momentumGeV * PhysicalConstants.GramCmPerSPerGeVOverC;

    /// <summary>Jacobian dR/d(E_k/n) in GV per GeV/n: dR/dT = 1/(Zβ), T = A·E_k/n.</summary>
    public static double RigidityPerKineticEnergyPerNucleon(double rigidityGV, Nucleus nucleus) =>
        nucleus.MassNumber / (nucleus.ChargeNumber * BetaAtRigidity(rigidityGV, nucleus));

    /// <summary>Larmor radius r_L = pc/(ZeB) = R/B in CGS, cm, for field <paramref name="fieldG"/> (gauss).</summary>
    public static double LarmorRadiusCm(double rigidityGV, double fieldG) =>
        rigidityGV * 1e9 / 299.792458 / fieldG;
}
