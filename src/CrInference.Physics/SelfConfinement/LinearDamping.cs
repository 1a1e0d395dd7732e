using CrInference.Core;

namespace CrInference.Physics.SelfConfinement;

/// <summary>
/// Self-confinement with linear wave damping (KQ22 §2.1.1, eqs. 4–9; open choice B.11).
/// </summary>
/// <remarks>
/// The Skilling (1971) balance: resonant Alfvén waves grow at
/// Γ_g = (π/4) Ω₀ (n_CR(&gt;p)/n_i)(v_D/v_A − 1) (Kulsrud &amp; Pearce 1969; Wiener, Oh &amp; Guo 2013),
/// with n_CR(&gt;p) = 4π p³ f/(α − 3) for f ∝ p^−α and v_D − v_A = κ|∂f/∂z|/f. Setting
/// Γ_g = Γ(p) gives κ|∂f/∂z| = S with
/// S(p) = (α − 3) n_i v_A Γ(p) / (π² Ω₀ p³) (units of Q: cm⁻² s⁻¹ (g cm s⁻¹)⁻³),
/// α = γ_inj (below the cut-off f ≈ Q/v_A ∝ p^−γ_inj). Waves resonate at k = 1/r_L(p), so
/// Γ ∝ k^a becomes Γ(p) = Γ₁ (p/1 GeV c⁻¹)^−a ("Γ at the scale resonant with 1 GeV CRs" read as
/// p = 1 GeV/c) and S ∝ p^{−3−a} (KQ22 §2.1.1). With Farmer &amp; Goldreich (2004) turbulent
/// damping Γ = v_A (k/L)^{1/2} the same balance gives (α − 3) × eq. 22, i.e. eq. 22 without the
/// order-unity factor (α − 3).
/// </remarks>
public static class LinearDamping
{
    /// <summary>Γ(p) = Γ₁ (p/1 GeV c⁻¹)^−a, s⁻¹, for Γ ∝ k^a with k = 1/r_L (open choice B.11).</summary>
    public static double DampingRatePerS(double dampingAt1GeVPerS, double dampingIndex, double momentumGeV) =>
        dampingAt1GeVPerS * Math.Pow(momentumGeV, -dampingIndex);

    /// <summary>
    /// S(p) = (α − 3) n_i v_A Γ(p)/(π² Ω₀ p³) of KQ22 eqs. 4–5 from the Skilling (1971) balance
    /// (open choice B.11). Inputs CGS: n_i cm⁻³, v_A cm s⁻¹, Γ s⁻¹, Ω₀ rad s⁻¹, p g cm s⁻¹;
    /// returns cm⁻² s⁻¹ (g cm s⁻¹)⁻³.
    /// </summary>
    public static double SkillingSinkRate(double spectralSlope, double ionDensityCm3, double alfvenSpeedCmPerS,
        double dampingRatePerS, double gyrofrequencyPerS, double momentumCgs) =>
        (spectralSlope - 3) * ionDensityCm3 * alfvenSpeedCmPerS * dampingRatePerS
        / (Math.PI * Math.PI * gyrofrequencyPerS * momentumCgs * momentumCgs * momentumCgs);

    /// <summary>
    /// KQ22 eq. 22: S = p^−3.5 L^−0.5 B_tot B_z / (4π³ (m_p Ω₀)^0.5), damping of self-excited waves by
    /// ambient Alfvénic turbulence with ℳ_A ∼ 1 at scale L (Farmer &amp; Goldreich 2004). CGS in
    /// (p g cm s⁻¹, L cm, B gauss, m g, Ω₀ rad s⁻¹), returns cm⁻² s⁻¹ (g cm s⁻¹)⁻³.
    /// </summary>
    public static double TurbulentSinkRate(double momentumCgs, double outerScaleCm, double totalFieldG, double verticalFieldG,
        double ionMassG, double gyrofrequencyPerS) =>
        Math.Pow(momentumCgs, -3.5) * totalFieldG * verticalFieldG
        / (4 * Math.PI * Math.PI * Math.PI * Math.Sqrt(outerScaleCm * ionMassG * gyrofrequencyPerS));

    /// <summary>Eq. 22 evaluated for a proton of momentum p (GeV/c) in field B (G) with L (cm), B_tot = B_z = B
    /// (open choice B.18).</summary>
    public static double TurbulentSinkRateForProtons(double momentumGeV, double outerScaleCm, double fieldG)
    {
        double omega = PhysicalConstants.ElementaryChargeEsu * fieldG / (PhysicalConstants.ProtonMassG * PhysicalConstants.SpeedOfLightCmPerS);
        return TurbulentSinkRate(momentumGeV * PhysicalConstants.GramCmPerSPerGeVOverC, outerScaleCm, fieldG, fieldG,
            PhysicalConstants.ProtonMassG, omega);
    }

    /// <summary>
    /// KQ22 eq. 6 for power laws: Q₀ (p/p₀)^−γ = S₁ (p/1 GeV c⁻¹)^{−3−a} with p₀ = 1 GeV/c gives
    /// p_c = (Q₀/S₁)^{1/(γ − 3 − a)} GeV/c. Returns +∞ when the two never cross (γ = 3 + a).
    /// </summary>
    public static double CutoffMomentumGeV(double injectionAt1GeV, double gamma, double sinkAt1GeV, double sinkSlope)
    {
        double d = gamma - sinkSlope;
        if (d == 0) return double.PositiveInfinity;
        return Math.Exp(Math.Log(injectionAt1GeV / sinkAt1GeV) / d);
    }
}
