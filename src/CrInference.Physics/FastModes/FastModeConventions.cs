namespace CrInference.Physics.FastModes;

/// <summary>
/// The decisions taken on KQ22's open choices C.19 … C.30 for fast-mode κ_turb (EQUATIONS.md §2 part C),
/// recorded verbatim in run manifests. Every choice is made on physical or textual grounds, never tuned to
/// data; docs/FAST-MODES.md gives the reasoning at length.
/// </summary>
public static class FastModeConventions
{
    /// <summary>Key → decision for the isotropic and anisotropic cascades and the weak-shock variant.</summary>
    public static IReadOnlyDictionary<string, string> All { get; } = new Dictionary<string, string>
    {
        ["C.19"] = "A6 lost exponent reconstructed as exp[-m_e/(m_i beta cos^2 theta)] (Yan & Lazarian 2004); m_i = m_p; both A6 terms (electron and ion Landau) kept",
        ["C.20"] = "cascade rate (A4) tau^-1 = (k/L)^{1/2} dV^2/V_ph with dV = M_A v_A and V_ph = v_A (low-beta fast speed; M_A is normalised by v_A): tau^-1 L/v_A = M_A^2 (kL)^{1/2}; anisotropic (eqs. 36-37): times sin(theta); gives the prefactor 16 in k_max L = 16 M_A^4 (m_p/m_e) xi^2/(pi beta (1-xi^2)^2) e^{2 m_e/(beta m_p xi^2)}",
        ["C.21"] = "nu_B = l_mfp v_th with l_mfp = v_th tau_i, v_th = sqrt(kT/m_p), Braginskii/NRL tau_i = 2.09e7 T_eV^{3/2}/(n lnLambda) s, NRL ion-ion lnLambda",
        ["C.22"] = "switch at k_par l_mfp v_A/v_th = 1 (KQ22 rule after A7): a mode is damped viscously while x cos(theta) < x_c = L v_th/(l_mfp v_A), collisionlessly beyond; k_max(theta) is the first scale where the applicable damping rate reaches the cascade rate, so a mode entering the collisionless range already over-damped stops at k_max,par = l_mfp^-1 v_th/v_A",
        ["C.23"] = "cascade and damping rates averaged uniformly in theta over (theta - dtheta, theta + dtheta) (KQ22 wording; rates even about 0 and pi/2); dtheta from A7 (isotropic; eq. 27 is its theta -> 0 limit) or eq. 39 at max(theta, theta_min) (anisotropic); M_A,Alf = 1; dtheta capped at pi/2 (full angle average)",
        ["C.24"] = "resonance width Delta mu^2 = M_A (1 - mu^2) as printed in A1/A2 (Yan & Lazarian 2008 form, fast-mode M_A); the factor 2 of Fornieri et al. not applied",
        ["C.25"] = "only the resonant n = +1 gyro term of A1, i.e. exp(-(mu - 1/(x xi R))^2/Delta mu^2) for mu >= 0; the anti-resonant n = -1 tail is dropped; [J1'(w)]^2 = [(J0 - J2)/2]^2",
        ["C.26"] = "full domains x in [1, k_max(theta) L], xi in [0, 1], mu in [0, 1]; no caps: mu -> 1 handled by the variable alpha (mu = cos alpha), xi -> 0 by the TTD-resonance variable around xi = v_A/(v mu), the cut-off k_max as an argument of exact tabulated kernels; an unconfined kappa (no undamped resonant modes, A3 then grows without bound) is returned as the free-streaming value v L/3 and flagged",
        ["C.27"] = "A3 kappa = (v^2/4) int_0^1 dmu (1 - mu^2)^2/(D_G + D_T) as printed, i.e. D(-mu) = D(mu) by the mirror symmetry of a balanced isotropic spectrum (the mu < 0 hemisphere resonates with xi < 0 modes)",
        ["C.28"] = "ion-neutral damping ignored: the phase is taken as fully ionised warm ionised medium (neutral fraction < 1 %, KQ22 section 3)",
        ["C.29"] = "anisotropic cascade: theta_min from eq. 39 (Alfvenic wandering, as in KQ22 Figure 7) by default, eq. 40 or the larger of the two on request; spectrum P propto k^{-3/2}/sin(max(theta, theta_min(k))); cascade fully damped beyond the first k where theta_c(k) < theta_min(k)",
        ["C.30"] = "weak shocks: kappa = v lambda/3 with lambda = shock separation = 10 pc (O(1) shocks, KQ22 section 5.1), energy independent for v ~ c",
    };
}
