using CrInference.Core;
using CrInference.Physics.Network;
using CrInference.Physics.Transport;

namespace CrInference.Physics.Models;

/// <summary>
/// <c>turbulence-everywhere</c> — extrinsic turbulence scatters CRs in the whole halo, no
/// self-confinement (KQ22 eq. 23, variant V5; Figure 6 green): κ_turb of the hot/halo plasma
/// (option <c>kappa</c>), f(H) = 0 at the halo half-height H, so
/// f_p(0) = Q H/κ (1 + (h/τ_loss) H/κ)⁻¹ (eq. 33's diffusive term; open choice E.4) and
/// B/C = (v_B/v_C)(h/τ_spall) H/κ_B, κ_B = κ v_B/v_p. Fiducial: the Figure 3 halo plasma
/// (n = 1e-3 cm⁻³, T = 2e6 K, B = 6 μG, ℳ_A = 1, L = 100 pc) and H = 5 kpc (Figure 6); the
/// power-law stand-in is flat, κ₀ = 1e29 cm² s⁻¹ (Figure 3's halo κ is nearly energy independent;
/// the value is illustrative). Species through <see cref="SpeciesNetwork"/> with <see cref="LayeredResidence"/> (the halo gas
/// fills h &lt; z &lt; H). Components: <c>kappa_turb_cm2_s</c>, <c>loss_factor</c>.
/// </summary>
public sealed class TurbulenceEverywhereModel : NetworkModel
{
    /// <inheritdoc/>
    public override string Name => "turbulence-everywhere";

    /// <inheritdoc/>
    public override string Summary => "kappa_turb of the halo plasma everywhere, f(H) = 0 (eq. 23; Fig. 6 green)";

    /// <inheritdoc/>
    public override IReadOnlyList<ModelParameter> Parameters { get; } = TurbulentDiffusionCatalog.AppendTo(
    [
        .. StandardParameters.SourceDiskAndNetwork(),
        StandardParameters.HotDensity(1e-3, "halo"),
        StandardParameters.HotTemperature(2e6, "halo"),
        StandardParameters.HotField(6, "halo"),
        StandardParameters.HotMach(1),
        StandardParameters.HotOuterScale(100),
        StandardParameters.HaloHeight(5),
    ], new Dictionary<string, double> { [PowerLawDiffusion.NormalisationName] = 1e29 });

    /// <inheritdoc/>
    public override IReadOnlyList<ModelOption> Options { get; } = [TurbulentDiffusionCatalog.Option(), .. NetworkSettings.AllOptions];

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, string> Conventions { get; } =
        OpenChoices.Select("A.1", "A.2", "A.3", "A.4", "A.5", "A.6", "A.7", "A.8", "A.9", "B.14", "B.15", "B.17", "E.4", "E.6", "E.8", "E.9", "E.10", "E.11");

    /// <inheritdoc/>
    protected internal override (IResidenceModel? Residence, string? Error) CreateResidence(ModelInput input)
    {
        // Eq. 23 with f(H) = 0 is the diffusive layer with Z_d = H and no halo above it.
        double heightCm = input["halo_H_kpc"] * PhysicalConstants.KiloparsecCm;
        double diskCm = input["disk_h_pc"] * PhysicalConstants.ParsecCm;
        if (!(heightCm > diskCm)) return (null, $"halo_H_kpc must exceed disk_h_pc (got H = {input["halo_H_kpc"]} kpc, h = {input["disk_h_pc"]} pc)");
        var (diffusion, turbulence, error) = ModelSupport.Turbulence(input, "hot");
        if (diffusion is null) return (null, error);
        var layer = new LayeredResidence.Layer(heightCm, diffusion, turbulence!, input["hot_n_cm3"], input["hot_T_K"]);
        return (new LayeredResidence(layer, null, new DiskAndSource(input).Injection, diskCm, splitsComponents: false), null);
    }
}
