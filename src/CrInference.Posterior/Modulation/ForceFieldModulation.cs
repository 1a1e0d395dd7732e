using CrInference.Physics.Kinematics;

namespace CrInference.Posterior.Modulation;

/// <summary>
/// Force-field solar modulation (Gleeson &amp; Axford 1968, ApJ 154, 1011): a nucleus observed at the top of
/// the atmosphere with kinetic energy T had T + Zeφ in the local interstellar medium (per nucleon:
/// E_k/n + (Z/A)eφ), and the phase-space density is conserved along the shift, f_TOA(p) = f_LIS(p′).
/// An intensity per unit kinetic energy is j_T = p² f, so j_T,TOA(T) = j_T,LIS(T′) p²/p′²; a flux per unit
/// rigidity is j_R = j_T dT/dR = Z v p² f, so J_TOA(R) = J_LIS(R′) v p²/(v′ p′²). φ is in GV. KQ22 ignore
/// modulation (open choice D.31); CrInference gives each data-taking period its own φ (<see cref="ModulationPeriods"/>).
/// </summary>
public static class ForceFieldModulation
{
    /// <summary>The interstellar rigidity R′ (GV) of a nucleus seen at rigidity <paramref name="rigidityGV"/>
    /// with potential <paramref name="phiGV"/>, and the factor J_TOA(R)/J_LIS(R′) = v p²/(v′ p′²) of fluxes per rigidity.</summary>
    public static (double InterstellarRigidityGV, double FluxFactor) Shift(double rigidityGV, double phiGV, Nucleus nucleus)
    {
        ArgumentNullException.ThrowIfNull(nucleus);
        if (phiGV == 0)
        {
            return (rigidityGV, 1.0);
        }
        double p = Kinematic.MomentumGeV(rigidityGV, nucleus);
        double kinetic = Kinematic.KineticEnergyGeV(p, nucleus);
        double kineticLis = kinetic + nucleus.ChargeNumber * phiGV;
        double pLis = Kinematic.MomentumFromKineticEnergyGeV(kineticLis, nucleus);
        double factor = Kinematic.Beta(p, nucleus) * p * p / (Kinematic.Beta(pLis, nucleus) * pLis * pLis);
        return (Kinematic.RigidityGV(pLis, nucleus), factor);
    }

    /// <summary>The interstellar kinetic energy per nucleon E′ = E + (Z/A)φ (GeV/n) of a nucleus seen at
    /// <paramref name="kineticEnergyPerNucleonGeV"/>, and the factor j_TOA(E)/j_LIS(E′) = p²/p′² of intensities per
    /// unit kinetic energy (per nucleon).</summary>
    public static (double InterstellarKineticEnergyPerNucleonGeV, double IntensityFactor) ShiftKineticEnergyPerNucleon(
        double kineticEnergyPerNucleonGeV, double phiGV, Nucleus nucleus)
    {
        ArgumentNullException.ThrowIfNull(nucleus);
        if (phiGV == 0)
        {
            return (kineticEnergyPerNucleonGeV, 1.0);
        }
        double eknLis = kineticEnergyPerNucleonGeV + phiGV * nucleus.ChargeNumber / nucleus.MassNumber;
        double p = Kinematic.MomentumFromKineticEnergyGeV(kineticEnergyPerNucleonGeV * nucleus.MassNumber, nucleus);
        double pLis = Kinematic.MomentumFromKineticEnergyGeV(eknLis * nucleus.MassNumber, nucleus);
        return (eknLis, p * p / (pLis * pLis));
    }
}
