namespace CrInference.Physics.Models;

/// <summary>
/// The parameters and options shared by the KQ22 models, so that every model spells a quantity
/// the same way (snake_case with unit) and evidence comparisons bind the same names. Each factory
/// takes the model's fiducial value; bounds are physical validity limits, not priors.
/// </summary>
public static class StandardParameters
{
    /// <summary>Injection slope γ_inj of Q ∝ p^−γ_inj (KQ22 fiducial 4.3).</summary>
    public static ModelParameter GammaInjection(double fiducial = 4.3) =>
        new("gamma_inj", "", fiducial, "injection slope gamma_inj of Q ~ p^-gamma_inj (phase space)", Minimum: 3, Maximum: 6, Latex: @"\gamma_{\rm inj}");

    /// <summary>Supernova rate, yr⁻¹ (KQ22: 1 per century).</summary>
    public static ModelParameter SupernovaRate(double fiducial = 0.01) =>
        new("sn_rate_per_yr", "yr^-1", fiducial, "Galactic supernova rate", Minimum: 0, Maximum: 10, Latex: @"\dot N_{\rm SN}");

    /// <summary>CR energy per supernova, erg (KQ22: 1e50).</summary>
    public static ModelParameter EnergyPerSupernova(double fiducial = 1e50) =>
        new("e_cr_per_sn_erg", "erg", fiducial, "cosmic-ray energy injected per supernova (all in protons)", Minimum: 0, Maximum: 1e53, Latex: @"E_{\rm CR}");

    /// <summary>Disk half-thickness h, pc (KQ22: 200 pc).</summary>
    public static ModelParameter DiskHalfThickness(double fiducial = 200) =>
        new("disk_h_pc", "pc", fiducial, "half-thickness h of the dense disk (losses, spallation)", Minimum: 0, Maximum: 1e4, Latex: "h");

    /// <summary>Disk gas density, cm⁻³ (KQ22: 1.25).</summary>
    public static ModelParameter DiskDensity(double fiducial = 1.25) =>
        new("disk_n_cm3", "cm^-3", fiducial, "gas (neutral H) density of the dense disk", Minimum: 0, Maximum: 1e4, Latex: @"n_{\rm disk}");

    /// <summary>C → B spallation cross-section, mb (KQ22: 61 mb).</summary>
    public static ModelParameter SpallationCrossSection(double fiducial = 61) =>
        new("sigma_spall_mb", "mb", fiducial, "energy-independent C -> B spallation cross-section", Minimum: 0, Maximum: 1e3, Latex: @"\sigma_{\rm spall}");

    /// <summary>Hot-ISM/halo (self-confinement region) ion density, cm⁻³.</summary>
    public static ModelParameter HotDensity(double fiducial, string where = "hot ISM / halo") =>
        new("hot_n_cm3", "cm^-3", fiducial, $"ion density of the {where}", Minimum: 0, Maximum: 1e3, Latex: @"n_{\rm hot}");

    /// <summary>Hot-ISM/halo temperature, K.</summary>
    public static ModelParameter HotTemperature(double fiducial, string where = "hot ISM / halo") =>
        new("hot_T_K", "K", fiducial, $"temperature of the {where}", Minimum: 0, Maximum: 1e10, Latex: @"T_{\rm hot}");

    /// <summary>Hot-ISM/halo magnetic field, μG.</summary>
    public static ModelParameter HotField(double fiducial, string where = "hot ISM / halo") =>
        new("hot_B_uG", "uG", fiducial, $"magnetic field of the {where}", Minimum: 0, Maximum: 1e3, Latex: @"B_{\rm hot}");

    /// <summary>Alfvén Mach number of the fast-mode turbulence in the hot plasma.</summary>
    public static ModelParameter HotMach(double fiducial = 1) =>
        new("hot_mach_a", "", fiducial, "Alfven Mach number M_A of fast-mode turbulence at its outer scale (hot plasma)", Minimum: 0, Maximum: 2, Latex: @"\mathcal{M}_{A,\rm hot}");

    /// <summary>Outer scale of the fast-mode turbulence in the hot plasma, pc.</summary>
    public static ModelParameter HotOuterScale(double fiducial = 100) =>
        new("hot_L_pc", "pc", fiducial, "outer (injection) scale L of fast-mode turbulence (hot plasma)", Minimum: 0, Maximum: 1e5, Latex: @"L_{\rm hot}");

    /// <summary>Warm-ISM ion density, cm⁻³ (KQ22 §4.2: 0.2).</summary>
    public static ModelParameter WarmDensity(double fiducial = 0.2) =>
        new("warm_n_cm3", "cm^-3", fiducial, "ion density of the warm ISM layer", Minimum: 0, Maximum: 1e3, Latex: @"n_W");

    /// <summary>Warm-ISM temperature, K (KQ22 §4.2: 1e4).</summary>
    public static ModelParameter WarmTemperature(double fiducial = 1e4) =>
        new("warm_T_K", "K", fiducial, "temperature of the warm ISM layer", Minimum: 0, Maximum: 1e10, Latex: @"T_W");

    /// <summary>Warm-ISM field, μG (KQ22 §4.2: 6).</summary>
    public static ModelParameter WarmField(double fiducial = 6) =>
        new("warm_B_uG", "uG", fiducial, "magnetic field of the warm ISM layer", Minimum: 0, Maximum: 1e3, Latex: @"B_W");

    /// <summary>Warm-ISM fast-mode Alfvén Mach number (KQ22 §4.2: 0.6).</summary>
    public static ModelParameter WarmMach(double fiducial = 0.6) =>
        new("warm_mach_a", "", fiducial, "Alfven Mach number M_A of warm-ISM fast-mode turbulence at its outer scale", Minimum: 0, Maximum: 2, Latex: @"\mathcal{M}_A");

    /// <summary>Warm-ISM fast-mode outer scale, pc (KQ22 §4.2: 50).</summary>
    public static ModelParameter WarmOuterScale(double fiducial = 50) =>
        new("warm_L_pc", "pc", fiducial, "outer (injection) scale L of warm-ISM fast-mode turbulence", Minimum: 0, Maximum: 1e5, Latex: "L");

    /// <summary>Height of the warm/hot transition z_W, kpc (KQ22 §4.2: 0.5).</summary>
    public static ModelParameter WarmHeight(double fiducial = 0.5) =>
        new("z_w_kpc", "kpc", fiducial, "height z_W of the warm-ISM layer (diffusive below, self-confined above)", Minimum: 0, Maximum: 100, Latex: "z_W");

    /// <summary>NLLD halo boundary r with f(r) = 0, kpc (KQ22: 10 kpc).</summary>
    public static ModelParameter HaloRadius(double fiducial = 10) =>
        new("halo_r_kpc", "kpc", fiducial, "outer boundary r of the self-confined halo, f(r) = 0 (eq. 14)", Minimum: 0, Maximum: 1e3, Latex: "r");

    /// <summary>Diffusive halo half-height H with f(H) = 0, kpc (KQ22 Fig. 6 green: 5 kpc).</summary>
    public static ModelParameter HaloHeight(double fiducial = 5) =>
        new("halo_H_kpc", "kpc", fiducial, "diffusive halo half-height H, f(H) = 0 (eq. 23)", Minimum: 0, Maximum: 1e3, Latex: "H");

    /// <summary>Parameter name of the production cross-section normalisation.</summary>
    public const string ProductionNormName = "xs_prod_norm";

    /// <summary>Parameter name of the production cross-section energy tilt.</summary>
    public const string ProductionSlopeName = "xs_prod_slope";

    /// <summary>Parameter name of the inelastic cross-section normalisation.</summary>
    public const string InelasticNormName = "xs_inel_norm";

    /// <summary>The cross-section nuisances of the boron network (docs/CONVENTIONS.md E.10; fiducials = no change):
    /// σ_prod × xs_prod_norm × (E_k/n / 10 GeV/n)^xs_prod_slope and σ_inel × xs_inel_norm.</summary>
    public static IReadOnlyList<ModelParameter> CrossSectionNuisances() =>
    [
        new(ProductionNormName, "", 1, "normalisation of every boron production cross-section", Minimum: 0, Maximum: 10, Latex: @"\nu_{\rm prod}"),
        new(ProductionSlopeName, "", 0, "energy tilt of the production cross-sections, (E_k/n / 10 GeV/n)^slope", Minimum: -1, Maximum: 1, MinimumExclusive: false, Latex: @"\delta_{\rm prod}"),
        new(InelasticNormName, "", 1, "normalisation of the inelastic (destruction) cross-sections of B and C", Minimum: 0, Maximum: 10, Latex: @"\nu_{\rm inel}"),
    ];

    /// <summary>The source and disk parameters every model shares (same names and fiducials, so evidence compares like with like).</summary>
    public static IReadOnlyList<ModelParameter> SourceAndDisk() =>
    [
        GammaInjection(), SupernovaRate(), EnergyPerSupernova(), DiskHalfThickness(), DiskDensity(), SpallationCrossSection(),
    ];

    /// <summary><see cref="SourceAndDisk"/> plus the <see cref="CrossSectionNuisances"/>: the shared parameters of every model with nuclei.</summary>
    public static IReadOnlyList<ModelParameter> SourceDiskAndNetwork() => [.. SourceAndDisk(), .. CrossSectionNuisances()];
}
