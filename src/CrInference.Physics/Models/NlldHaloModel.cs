using CrInference.Core;
using CrInference.Physics.Network;

namespace CrInference.Physics.Models;

/// <summary>
/// The NLLD self-confined hot ISM/halo reaching the disk (KQ22 §2.1.2, eqs. 10–16; B/C from eq. 30 at z = 0):
/// f_p(0) = (Q/v_A) r/(r + a) (1 + h/(v_A τ_loss))⁻¹ (eq. 16) with a = X²/(Q v_A) and X of eq. 11 (open choice
/// B.12: v_p is the actual proton speed at R); B/C = (v_B/v_C)(h/(v_A τ_spall))[1 − (a/(r + a))^s], s = v_p/v_B.
/// Asymptotes: f → Q/v_A for a ≪ r; f → r Q²/X² ∝ p^{−2γ_inj+3} for a ≫ r. Fiducial plasma: the KQ22 §4.2 hot ISM
/// (n = 3e-3 cm⁻³, T = 3e6 K, B = 1 μG), r = 10 kpc. Species through <see cref="SpeciesNetwork"/> with <see cref="LayeredResidence"/>
/// (hot gas between h and r). Components: <c>nlld_a_kpc</c> (a), <c>loss_factor</c>.
/// Named by <see cref="NlldModel"/> (<c>nlld</c>) and <see cref="HaloOnlyModel"/> (<c>halo-only</c>).
/// </summary>
public abstract class NlldHaloModel : NetworkModel
{
    /// <inheritdoc/>
    public override IReadOnlyList<ModelParameter> Parameters { get; } =
    [
        .. StandardParameters.SourceDiskAndNetwork(),
        StandardParameters.HotDensity(3e-3),
        StandardParameters.HotTemperature(3e6),
        StandardParameters.HotField(1),
        StandardParameters.HaloRadius(10),
    ];

    /// <inheritdoc/>
    public override IReadOnlyList<ModelOption> Options { get; } = NetworkSettings.AllOptions;

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, string> Conventions { get; } =
        OpenChoices.Select("A.1", "A.2", "A.3", "A.4", "A.5", "A.6", "A.8", "A.9", "B.12", "B.13", "B.14", "B.15", "B.16", "B.17",
            "E.8", "E.9", "E.10", "E.11");

    /// <inheritdoc/>
    protected internal override (IResidenceModel? Residence, string? Error) CreateResidence(ModelInput input)
    {
        var halo = new LayeredResidence.Halo(ModelSupport.Plasma(input, "hot"), input["halo_r_kpc"] * PhysicalConstants.KiloparsecCm);
        return (new LayeredResidence(null, halo, new DiskAndSource(input).Injection, input["disk_h_pc"] * PhysicalConstants.ParsecCm, splitsComponents: false), null);
    }
}
