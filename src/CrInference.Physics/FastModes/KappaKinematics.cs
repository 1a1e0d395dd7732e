using CrInference.Physics.Kinematics;

namespace CrInference.Physics.FastModes;

/// <summary>
/// Per-rigidity quantities of A1–A3 for protons: speed v, R = v/(LΩ) = r_L/L with the relativistic
/// gyrofrequency Ω = Ω₀/γ (open choice A.9), ε = v_A/v (TTD resonance), the A3 prefactor
/// v L R²/(2√π ℳ_A^{3/2}) and the free-streaming cap v L/3.
/// </summary>
public readonly record struct KappaKinematics(double Speed, double LarmorRatio, double Epsilon, double Prefactor, double FreeStreaming)
{
    /// <summary>Kinematics of a proton of rigidity <paramref name="rigidityGV"/> in <paramref name="plasma"/>.</summary>
    public static KappaKinematics For(double rigidityGV, FastModePlasma plasma)
    {
        double v = Kinematic.SpeedCmPerS(rigidityGV, Nucleus.Proton);
        double larmor = Kinematic.LarmorRadiusCm(rigidityGV, plasma.Spec.Plasma.FieldG) / plasma.OuterScaleCm;
        double ma = plasma.AlfvenMach;
        double prefactor = v * plasma.OuterScaleCm * larmor * larmor / (2 * Math.Sqrt(Math.PI) * ma * Math.Sqrt(ma));
        return new KappaKinematics(v, larmor, plasma.AlfvenSpeed / v, prefactor, v * plasma.OuterScaleCm / 3.0);
    }
}
