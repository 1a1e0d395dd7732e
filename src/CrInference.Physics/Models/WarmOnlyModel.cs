using CrInference.Core;
using CrInference.Physics.Network;
using CrInference.Physics.Transport;

namespace CrInference.Physics.Models;

/// <summary>
/// <c>warm-only</c> — the warm-ISM contribution alone (KQ22 variant V6c, first term of eq. 31;
/// Figure 5 dotted): diffusion with κ_turb in 0 &lt; z &lt; z_W and f(z_W) = 0, so
/// f_p(0) = Q z_W/κ (1 + (h/τ_loss) z_W/κ)⁻¹ (open choice E.3) and
/// B/C = (v_B/v_C)(h/τ_spall) z_W/κ_B, κ_B = κ v_B/v_p. κ_turb from option <c>kappa</c> with the
/// warm-ISM turbulence of §4.2. Species through <see cref="SpeciesNetwork"/> with <see cref="LayeredResidence"/> (warm gas
/// between h and z_W, so z_W ≥ h). Components: <c>kappa_turb_cm2_s</c>, <c>loss_factor</c>.
/// </summary>
public sealed class WarmOnlyModel : NetworkModel
{
    /// <inheritdoc/>
    public override string Name => "warm-only";

    /// <inheritdoc/>
    public override string Summary => "warm-ISM diffusion term of eq. 31 alone (f(z_W) = 0; V6c)";

    /// <inheritdoc/>
    public override IReadOnlyList<ModelParameter> Parameters { get; } = TurbulentDiffusionCatalog.AppendTo(
    [
        .. StandardParameters.SourceDiskAndNetwork(),
        StandardParameters.WarmDensity(),
        StandardParameters.WarmTemperature(),
        StandardParameters.WarmField(),
        StandardParameters.WarmMach(),
        StandardParameters.WarmOuterScale(),
        StandardParameters.WarmHeight(),
    ]);

    /// <inheritdoc/>
    public override IReadOnlyList<ModelOption> Options { get; } = [TurbulentDiffusionCatalog.Option(), .. NetworkSettings.AllOptions];

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, string> Conventions { get; } =
        OpenChoices.Select("A.1", "A.2", "A.3", "A.4", "A.5", "A.6", "A.7", "A.8", "A.9", "B.15", "B.17", "E.3", "E.6", "E.8", "E.9", "E.10", "E.11");

    /// <inheritdoc/>
    protected internal override (IResidenceModel? Residence, string? Error) CreateResidence(ModelInput input)
    {
        double warmHeightCm = input["z_w_kpc"] * PhysicalConstants.KiloparsecCm;
        double diskCm = input["disk_h_pc"] * PhysicalConstants.ParsecCm;
        if (!(warmHeightCm >= diskCm)) return (null, $"z_w_kpc must be >= disk_h_pc: the warm layer contains the disk (got z_W = {input["z_w_kpc"]} kpc, h = {input["disk_h_pc"]} pc)");
        var (diffusion, turbulence, error) = ModelSupport.Turbulence(input, "warm");
        if (diffusion is null) return (null, error);
        var layer = new LayeredResidence.Layer(warmHeightCm, diffusion, turbulence!, input["warm_n_cm3"], input["warm_T_K"]);
        return (new LayeredResidence(layer, null, new DiskAndSource(input).Injection, diskCm, splitsComponents: false), null);
    }
}
