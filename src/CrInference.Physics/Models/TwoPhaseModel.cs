using CrInference.Core;
using CrInference.Physics.Network;
using CrInference.Physics.Transport;

namespace CrInference.Physics.Models;

/// <summary>
/// <c>two-phase</c> — KQ22's fiducial model (§4, eqs. 29–33; variant V6; Figures 5 and 6 black):
/// CRs diffuse with κ_turb (option <c>kappa</c>, <see cref="TurbulentDiffusionCatalog"/>) in a warm
/// ISM layer 0 &lt; z &lt; z_W and are self-confined by NLLD-damped waves in the hot ISM/halo
/// z_W &lt; z &lt; r (f(r) = 0). At z = 0:
/// f_p(0) = [Q z_W/κ + Q²(r − z_W)/(Q v_A (r − z_W) + X²)] [1 + h/(v_A τ_loss) + (h/τ_loss)(z_W/κ)]⁻¹,
/// B/C = (v_B/v_C)(h/τ_spall){z_W/κ_B + v_A⁻¹[1 − (a/(r − z_W + a))^s]}, a = X²/(Q v_A), s = v_p/v_B,
/// κ_B = κ v_B/v_p; v_A and X of the hot ISM, κ_turb of the warm ISM (turbulence ℳ_A at scale L).
/// Fiducial = §4.2 (hot n = 3e-3 cm⁻³, T = 3e6 K, B = 1 μG; warm n = 0.2 cm⁻³, T = 1e4 K,
/// B = 6 μG, ℳ_A = 0.6, L = 50 pc; z_W = 0.5 kpc, r = 10 kpc; h = 200 pc, n_disk = 1.25 cm⁻³,
/// σ = 61 mb, γ_inj = 4.3) with the power-law κ stand-in 3e28 cm² s⁻¹ flat (EQUATIONS.md §3).
/// Species through the shared network (<see cref="SpeciesNetwork"/>, <see cref="LayeredResidence"/>); the warm layer's
/// gas (n_W, T_W) between h and z_W and the hot gas above add effective columns (docs/CONVENTIONS.md E.9), so z_W ≥ h.
/// Components (Figure 5's dotted and dashed lines): <c>proton_flux_warm</c>, <c>proton_flux_halo</c>,
/// <c>bc_warm</c>, <c>bc_halo</c> (they add up to the totals; with destruction the boron split is in proportion to
/// ¹¹B's residence), <c>kappa_turb_cm2_s</c>, <c>nlld_a_kpc</c>, <c>loss_factor</c>.
/// </summary>
public sealed class TwoPhaseModel : NetworkModel
{
    /// <inheritdoc/>
    public override string Name => "two-phase";

    /// <inheritdoc/>
    public override string Summary => "warm-ISM kappa_turb diffusion below z_W + NLLD self-confined hot ISM/halo above (eqs. 29-33)";

    /// <inheritdoc/>
    public override IReadOnlyList<ModelParameter> Parameters { get; } = TurbulentDiffusionCatalog.AppendTo(
    [
        .. StandardParameters.SourceDiskAndNetwork(),
        StandardParameters.HotDensity(3e-3),
        StandardParameters.HotTemperature(3e6),
        StandardParameters.HotField(1),
        StandardParameters.WarmDensity(),
        StandardParameters.WarmTemperature(),
        StandardParameters.WarmField(),
        StandardParameters.WarmMach(),
        StandardParameters.WarmOuterScale(),
        StandardParameters.WarmHeight(),
        StandardParameters.HaloRadius(),
    ]);

    /// <inheritdoc/>
    public override IReadOnlyList<ModelOption> Options { get; } = [TurbulentDiffusionCatalog.Option(), .. NetworkSettings.AllOptions];

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, string> Conventions { get; } =
        OpenChoices.Select("A.1", "A.2", "A.3", "A.4", "A.5", "A.6", "A.7", "A.8", "A.9", "B.12", "B.13", "B.14", "B.15", "B.16", "B.17",
            "E.6", "E.8", "E.9", "E.10", "E.11");

    /// <inheritdoc/>
    protected internal override (IResidenceModel? Residence, string? Error) CreateResidence(ModelInput input)
    {
        double warmHeightCm = input["z_w_kpc"] * PhysicalConstants.KiloparsecCm;
        double haloRadiusCm = input["halo_r_kpc"] * PhysicalConstants.KiloparsecCm;
        double diskCm = input["disk_h_pc"] * PhysicalConstants.ParsecCm;
        if (!(haloRadiusCm > warmHeightCm)) return (null, $"halo_r_kpc must exceed z_w_kpc (got r = {input["halo_r_kpc"]}, z_W = {input["z_w_kpc"]} kpc)");
        if (!(warmHeightCm >= diskCm)) return (null, $"z_w_kpc must be >= disk_h_pc: the warm layer contains the disk (got z_W = {input["z_w_kpc"]} kpc, h = {input["disk_h_pc"]} pc)");
        var (diffusion, turbulence, error) = ModelSupport.Turbulence(input, "warm");
        if (diffusion is null) return (null, error);
        var layer = new LayeredResidence.Layer(warmHeightCm, diffusion, turbulence!, input["warm_n_cm3"], input["warm_T_K"]);
        var halo = new LayeredResidence.Halo(ModelSupport.Plasma(input, "hot"), haloRadiusCm);
        return (new LayeredResidence(layer, halo, new DiskAndSource(input).Injection, diskCm, splitsComponents: true), null);
    }
}
