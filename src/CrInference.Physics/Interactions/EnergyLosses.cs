using CrInference.Physics.Kinematics;

namespace CrInference.Physics.Interactions;

/// <summary>Which energy-loss time the disk loss term of KQ22 eq. 1 uses (open choice B.15).</summary>
public enum LossPrescription
{
    /// <summary>No losses: τ_loss = ∞.</summary>
    None,

    /// <summary>Ionisation of neutral hydrogen, Mannheim &amp; Schlickeiser (1994) / Schlickeiser (2002)
    /// full form (<see cref="EnergyLosses.IonisationRateEvPerS"/>); KQ22 §4.1.4 (mostly neutral disk).</summary>
    Ionisation,

    /// <summary>KQ22 eq. C2: τ⁻¹ = 2e-16 s⁻¹ Z² n β⁻² (p/GeV c⁻¹)⁻¹.</summary>
    EquationC2,
}

/// <summary>
/// Continuous energy losses of cosmic-ray nuclei in the ISM (KQ22 §2 and Appendix C). Rates are
/// |dE/dt| in eV s⁻¹; loss times follow the convention of KQ22 eq. C2,
/// τ_loss = p/|dp/dt| = p v/|dE/dt| (dE = v dp), in seconds.
/// </summary>
public static class EnergyLosses
{
    /// <summary>Ionisation coefficient 1.82e-7 eV s⁻¹ per (Z² n_H/cm⁻³) (Mannheim &amp; Schlickeiser 1994,
    /// A&amp;A 286, 983; Schlickeiser 2002, Cosmic Ray Astrophysics, Springer).</summary>
    public const double IonisationCoefficientEvPerS = 1.82e-7;

    /// <summary>β₀ = 0.01 of the ionisation formula (orbital speed of the bound electron).</summary>
    public const double IonisationBeta0 = 0.01;

    /// <summary>Coulomb coefficient 3.08e-7 eV s⁻¹ per (Z² n_e/cm⁻³) (Mannheim &amp; Schlickeiser 1994;
    /// Schlickeiser 2002).</summary>
    public const double CoulombCoefficientEvPerS = 3.08e-7;

    /// <summary>Coefficient of KQ22 eq. C2, s⁻¹.</summary>
    public const double EquationC2CoefficientPerS = 2e-16;

    /// <summary>
    /// Ionisation loss rate in neutral hydrogen, eV s⁻¹ (Mannheim &amp; Schlickeiser 1994; Schlickeiser 2002):
    /// |dE/dt| = 1.82e-7 Z² n_H [1 + 0.0185 ln β H(β − β₀)] 2β²/(β₀³ + 2β³), β₀ = 0.01.
    /// </summary>
    public static double IonisationRateEvPerS(double beta, int chargeNumber, double hydrogenDensityCm3)
    {
        double b0 = IonisationBeta0;
        double log = beta > b0 ? 0.0185 * Math.Log(beta) : 0.0;
        return IonisationCoefficientEvPerS * chargeNumber * chargeNumber * hydrogenDensityCm3
            * (1 + log) * 2 * beta * beta / (b0 * b0 * b0 + 2 * beta * beta * beta);
    }

    /// <summary>
    /// Coulomb loss rate in ionised gas, eV s⁻¹ (Mannheim &amp; Schlickeiser 1994; Schlickeiser 2002):
    /// |dE/dt| = 3.08e-7 Z² n_e β²/(β³ + x_m³), x_m = 0.0286 (T_e/2e6 K)^{1/2}.
    /// </summary>
    public static double CoulombRateEvPerS(double beta, int chargeNumber, double electronDensityCm3, double electronTemperatureK)
    {
        double xm = 0.0286 * Math.Sqrt(electronTemperatureK / 2e6);
        return CoulombCoefficientEvPerS * chargeNumber * chargeNumber * electronDensityCm3
            * beta * beta / (beta * beta * beta + xm * xm * xm);
    }

    /// <summary>τ = p v/|dE/dt| (s) of <paramref name="nucleus"/> at rigidity R for a loss rate in eV s⁻¹
    /// (the convention τ = p/|dp/dt| of KQ22 eq. C2).</summary>
    public static double LossTimeS(double rigidityGV, Nucleus nucleus, double rateEvPerS)
    {
        double p = Kinematic.MomentumGeV(rigidityGV, nucleus);
        return p * 1e9 * Kinematic.Beta(p, nucleus) / rateEvPerS;
    }

    /// <summary>Ionisation loss time in neutral hydrogen of density n_H (cm⁻³), s (Schlickeiser 2002 form).</summary>
    public static double IonisationTimeS(double rigidityGV, Nucleus nucleus, double hydrogenDensityCm3)
    {
        double beta = Kinematic.BetaAtRigidity(rigidityGV, nucleus);
        return LossTimeS(rigidityGV, nucleus, IonisationRateEvPerS(beta, nucleus.ChargeNumber, hydrogenDensityCm3));
    }

    /// <summary>Coulomb loss time in ionised gas (n_e in cm⁻³, T_e in K), s (Schlickeiser 2002 form).</summary>
    public static double CoulombTimeS(double rigidityGV, Nucleus nucleus, double electronDensityCm3, double electronTemperatureK)
    {
        double beta = Kinematic.BetaAtRigidity(rigidityGV, nucleus);
        return LossTimeS(rigidityGV, nucleus, CoulombRateEvPerS(beta, nucleus.ChargeNumber, electronDensityCm3, electronTemperatureK));
    }

    /// <summary>KQ22 eq. C2: τ_ion⁻¹ = 2e-16 s⁻¹ Z² (n/cm⁻³) β⁻² (p/GeV c⁻¹)⁻¹; returns τ_ion in s.</summary>
    public static double EquationC2TimeS(double rigidityGV, Nucleus nucleus, double densityCm3)
    {
        double p = Kinematic.MomentumGeV(rigidityGV, nucleus);
        double beta = Kinematic.Beta(p, nucleus);
        int z = nucleus.ChargeNumber;
        return beta * beta * p / (EquationC2CoefficientPerS * z * z * densityCm3);
    }

    /// <summary>
    /// 1/τ_loss (s⁻¹) for <paramref name="prescription"/> in a disk of density n (cm⁻³), zero for
    /// <see cref="LossPrescription.None"/>. Using the inverse keeps "no losses" finite.
    /// </summary>
    public static double InverseLossTimePerS(LossPrescription prescription, double rigidityGV, Nucleus nucleus, double densityCm3) =>
        prescription switch
        {
            LossPrescription.None => 0.0,
            LossPrescription.Ionisation => 1.0 / IonisationTimeS(rigidityGV, nucleus, densityCm3),
            LossPrescription.EquationC2 => 1.0 / EquationC2TimeS(rigidityGV, nucleus, densityCm3),
            _ => throw new ArgumentOutOfRangeException(nameof(prescription), prescription, "unknown loss prescription"),
        };
}
