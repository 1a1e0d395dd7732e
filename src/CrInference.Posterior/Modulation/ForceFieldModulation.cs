using CrInference.Physics.Kinematics;

namespace CrInference.Posterior.Modulation;

/// <summary>
/// Force-field solar modulation (Gleeson &amp; Axford 1968): a nucleus observed at the top of
/// the atmosphere with kinetic energy T had T + Zeφ in the local interstellar medium, and the
/// phase-space density is conserved along the shift, f_TOA(p) = f_LIS(p′). For a flux per unit
/// rigidity J ∝ v p² f, so J_TOA(R) = J_LIS(R′) v p²/(v′ p′²). φ is in GV (Φ = Zeφ for the whole
/// nucleus). KQ22 ignore modulation (open choice D.31); CrInference makes φ a nuisance parameter.
/// </summary>
public static class ForceFieldModulation
{
    /// <summary>The interstellar rigidity R′ (GV) of a nucleus seen at rigidity <paramref name="rigidityGV"/>
    /// with potential <paramref name="phiGV"/>, and the factor J_TOA/J_LIS(R′) = v p²/(v′ p′²).</summary>
    public static (double InterstellarRigidityGV, double FluxFactor) Shift(double rigidityGV, double phiGV, Nucleus nucleus)
    {
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
}
