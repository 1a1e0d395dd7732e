namespace CrInference.Physics.Models;

/// <summary>
/// The decisions taken on the open choices of EQUATIONS.md §2 (keys <c>A.n</c>, <c>B.n</c>) and the
/// model extensions beyond KQ22 (keys <c>E.n</c>), one line each. docs/CONVENTIONS.md gives the
/// physical reasons under the same keys; each model's <see cref="IForwardModel.Conventions"/>
/// lists the subset it uses, for run manifests.
/// </summary>
public static class OpenChoices
{
    /// <summary>Every decision, key → one line.</summary>
    public static IReadOnlyDictionary<string, string> All { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["A.1"] = "Q = Q0 (p/1 GeV c^-1)^-gamma_inj at all p, all CR energy in protons: 2 * int 4 pi p^2 Q T dp over p in [1e-4, 1e6] GeV/c = (SN rate x E_CR)/(pi (10 kpc)^2), T = proton kinetic energy",
        ["A.2"] = "J(R) = v p^2 f dp/dR in m^-2 sr^-1 s^-1 GV^-1; Voyager J_E = J_R A/(Z beta) per MeV/n (= p^2 f for protons); B/C = (v_B/v_C) f_B/f_C with KQ22's f_B/f_C read as the ratio of per-rigidity densities",
        ["A.3"] = "11B and 12C set v_B, v_C; data tabulated in E_k/n are compared at the 12C rigidity of that E_k/n (A/Z = 2)",
        ["A.4"] = "physics=kq22: single C parent, no destruction of B or C, no ISM helium, sigma energy independent, fragmentation rigidity shift ignored (B born at the C rigidity); physics=full (default): the network of E.8-E.10",
        ["A.5"] = "B source f_C h/tau_spall per side (disk of full thickness 2h); tau_spall = 1/(n_disk sigma v_C(R))",
        ["A.6"] = "rho = n m_p (ions only, no helium); v_A = B/sqrt(4 pi rho)",
        ["A.7"] = "beta = 8 pi n k_B T/B^2 with n the ion density",
        ["A.8"] = "v_th = sqrt(k_B T/m_p)",
        ["A.9"] = "Omega_0 = eB/(m_p c) (non-relativistic) in eqs. 11, 15, 22",
        ["A.10"] = "not a physics choice: datasets are chosen by id in the likelihood layer (KQ22 used AMS-02 PRL 2015/2016)",
        ["B.11"] = "S = (alpha-3) n_i v_A Gamma(p)/(pi^2 Omega_0 p^3) from Gamma_growth = (pi/4) Omega_0 (n_CR(>p)/n_i)(v_D/v_A - 1) = Gamma(p), alpha = gamma_inj, Gamma(p) = Gamma_1 (p/1 GeV c^-1)^-a (resonance k = 1/r_L)",
        ["B.12"] = "X of eq. 11 with prefactor 1, v_th = sqrt(kT/m_p), v_p = the actual proton speed at R (not c), Omega_0 non-relativistic",
        ["B.13"] = "conserved flux = Q (KQ22 approximation) everywhere; the streaming model offers option flux_constant=exact (f = 3Q/(alpha v_A), alpha = gamma_inj)",
        ["B.14"] = "f(r) = 0 at r = halo_r_kpc for NLLD halos and f(H) = 0 at H = halo_H_kpc for diffusive halos; both are parameters",
        ["B.15"] = "losses option: continuous (physics=full default, E.11), continuous-disk, ionisation (physics=kq22 default: KQ22's proton sink, Schlickeiser neutral-H form in the disk, n = disk_n_cm3), eq-c2 or none; the sink uses the loss factors exactly as eqs. 9, 16, 33 and no nuclear losses",
        ["B.16"] = "no linear damping in the NLLD halo models (R_cutoff >> 100 GV assumed, as KQ22)",
        ["B.17"] = "kappa_B = kappa_p v_B/v_p at equal R; Q and X at the proton momentum of rigidity R; s = v_p/v_B",
        ["B.18"] = "v_A = v_A0 (z/z0)^lambda_1, S = S0 (z/z0)^-lambda_2 with S0 = eq. 22 at z0 (B_tot = B_z = B, L = turb_L_pc); f = max over z in [z0, z_max] of (Q - S)/v_A (closed form); S > Q up to z_max: f = Q/c",
        ["E.1"] = "effective streaming speed capped at c: f = max((Q - S)/v_A, Q/c) (only changes a window (Q-S)/Q < v_A/c around the cut-off)",
        ["E.2"] = "linear-sc boron: v_A f_B + (v_B/v_p)(S/f_p) f_B = f_C h/tau_spall (boron shares the protons' S/f_p drift scaled by fn. 3); above the cut-off boron escapes at c",
        ["E.3"] = "warm-only: f(0) = Q z_W/kappa with f(z_W) = 0 and loss factor (1 + (h/tau_loss) z_W/kappa)^-1",
        ["E.4"] = "turbulence-everywhere: f(0) = Q H/kappa (1 + (h/tau_loss) H/kappa)^-1 (eq. 23 with f(H) = 0, eq. 33 diffusive term); B/C = (v_B/v_C)(h/tau_spall) H/kappa_B",
        ["E.5"] = "phenomenological: v_A f - kappa f' = Q - f(0) h/tau_loss, f(H) = 0: f(0) = Q G/(1 + G h/tau_loss), G = (1 - exp(-v_A H/kappa))/v_A; same for B with kappa_B and source f_C h/tau_spall",
        ["E.6"] = "kappa_turb = power-law stand-in kappa0 (R/R0)^delta (option kappa) until the fast-mode kappa_turb is registered",
        ["E.7"] = "stratified losses: eq. 9 with v_A at the height that sets f (the base z0 wherever losses matter)",
        ["E.8"] = "species network: one thin-disk routine for every model, N_i = G_i S_i with the model's residence G_i (kappa_i = b kappa_p, s_i = 1/b, b = v_i/v_p); p and 12C injected with Q ~ p^-gamma_inj at equal rigidity (12C unit abundance: nuclei normalised arbitrarily); 16O, 14N from the model's 12C and the AMS-02 C/O, N/O (Phys. Rep. 2021, linear in ln R, flat beyond); 10B, 11B from 12C, 14N, 16O and 11B -> 10B at the parent's E_k/n (R_parent = R (A/Z)_parent/(A/Z)_fragment, Jacobian the same ratio); B/C = (J_10B + J_11B)/J_12C at equal R; physics=kq22: 12C only, boron at the carbon rigidity counted as 11B",
        ["E.9"] = "gas: effective columns N_eff,i = n_disk h + sum over phases of int n w_i dz with w = [f_i(z)/f_i(0)][K_i(z->0)/K_i(0->0)]: diffusive layer (1 - z/Z)^2, Z = kappa_i G_i, from h to its top; NLLD halo from max(h, z_W) to r by Gauss-Legendre (closed form for s = 1); phase densities are hydrogen densities (the models' ion densities, v_A unchanged), n_He/n_H = 0.11 added as target (DRAGON2, GALPROP default); gas=disk (kq22; always for phenomenological, streaming, linear-sc, stratified): n_disk h only",
        ["E.10"] = "cross-sections: production dragon2 (Evoli et al. 2019 cumulative table, H; He = H x GALPROP OPT12 sigma_He/sigma_H), galprop-opt12 (USINE v3.5 table, H and He) or kq22 (sigma_spall_mb, C -> B); linear in ln E_k/n, held outside the tables; inelastic: Tripathi et al. (USINE v3.5 table, H and He) for B, C; p-p Kafexhiu et al. 2014, p-He Sihver et al. 1993; nuisances sigma_prod x xs_prod_norm (E_k/n / 10 GeV/n)^xs_prod_slope, sigma_inel x xs_inel_norm",
        ["E.12"] = "phenomenological: two smooth breaks of kappa in one family, kappa0 beta (R/R0)^delta [1 + (R/R_b)^(1/s)]^(s Ddelta) [1 + (R_l/R)^(1/s_l)]^(s_l Ddelta_l) (below R_l the slope is delta - Ddelta_l; our own form, G19/W20 breaks near a few GV and a few hundred GV); option kappa_low_break=off gives the one-break form",
        ["E.11"] = "losses: continuous = flux form (KQ22 eq. C1) for every species, N/G~ = S + d(B N)/dR, B = sum over phases of N_eff |dR/dt|/n: Schlickeiser ionisation in the neutral disk, Coulomb (n_e = n_H, T of the phase) in the ionised layer and halo (continuous-disk: disk only); exponential integrator downward from >= 100 GV; G~ = G/(1 + G N_eff sigma v) carries destruction and the p-p/p-He sink; the loss residence is the actual G",
    };

    /// <summary>The decisions for <paramref name="keys"/>, in the given order (throws on an unknown key: a programming error).</summary>
    public static IReadOnlyDictionary<string, string> Select(params string[] keys)
    {
        var selected = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string key in keys) selected[key] = All[key];
        return selected;
    }
}
