using CrInference.Core;
using CrInference.Physics.Network;

namespace CrInference.Physics.Models;

/// <summary>
/// <c>streaming</c> — pure Alfvénic streaming at constant v_A (KQ22 eq. 2, footnote 2; variant V1):
/// v_eff f = Q with v_eff = v_A (option <c>flux_constant=approx</c>, KQ22's ≈Q) or
/// v_eff = α v_A/3, α = γ_inj (<c>exact</c>: f = 3Q/(α v_A)); disk losses as eq. 9 with S = 0,
/// f(0) = (Q/v_eff)(1 + h/(v_eff τ_loss))⁻¹; boron streams the same way with source f_C h/τ_spall,
/// so B/C = (v_B/v_C)(h/τ_spall)/v_eff — the low-rigidity plateau h/(v_A τ_spall) of KQ22 Fig. 5.
/// Fiducial plasma: KQ22 §4.2 hot ISM (n = 3e-3 cm⁻³, B = 1 μG, v_A ≈ 40 km/s). Species through <see cref="SpeciesNetwork"/>
/// with G = 1/v_eff. Components: <c>v_st_eff_km_s</c>, <c>loss_factor</c>.
/// </summary>
public sealed class StreamingModel : NetworkModel
{
    /// <summary>Option selecting the conserved-flux constant of eq. 2 (open choice B.13).</summary>
    public const string FluxConstantOption = "flux_constant";

    /// <inheritdoc/>
    public override string Name => "streaming";

    /// <inheritdoc/>
    public override string Summary => "pure Alfvenic streaming at v_A (eq. 2, fn. 2) with eq. 9 disk losses; B/C = h/(v_A tau_spall)";

    /// <inheritdoc/>
    public override IReadOnlyList<ModelParameter> Parameters { get; } =
    [
        .. StandardParameters.SourceDiskAndNetwork(),
        StandardParameters.HotDensity(3e-3, "streaming region"),
        StandardParameters.HotField(1, "streaming region"),
    ];

    /// <inheritdoc/>
    public override IReadOnlyList<ModelOption> Options { get; } =
    [
        new(FluxConstantOption, ["approx", "exact"], "approx", "approx: f = Q/v_A (KQ22 eq. 2); exact: f = 3Q/(alpha v_A), alpha = gamma_inj (footnote 2)"),
        .. NetworkSettings.AllOptions,
    ];

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, string> Conventions { get; } =
        OpenChoices.Select("A.1", "A.2", "A.3", "A.4", "A.5", "A.6", "B.13", "B.15", "E.8", "E.10", "E.11");

    /// <inheritdoc/>
    protected internal override (IResidenceModel? Residence, string? Error) CreateResidence(ModelInput input)
    {
        double vA = ModelSupport.Plasma(input, "hot").AlfvenSpeed;
        double vEff = input.Option(FluxConstantOption) == "exact" ? input["gamma_inj"] * vA / 3 : vA;
        return (new Streaming(vEff), null);
    }

    /// <summary>G = 1/v_eff for every species (streaming does not depend on the particle speed); gas only in the disk
    /// (an unbounded streaming region has no outer boundary to weight a halo column).</summary>
    private sealed class Streaming(double speedCmPerS) : DiskGasResidence
    {
        public override Residence At(double rigidityGV, double speedRatio, bool withColumns) => Disk(1 / speedCmPerS, 1 / speedCmPerS);

        public override void AddComponents(double[] rigiditiesGV, IDictionary<string, double[]> components) =>
            components["v_st_eff_km_s"] = ModelSupport.Filled(rigiditiesGV.Length, speedCmPerS / PhysicalConstants.KmPerSInCmPerS);
    }
}
