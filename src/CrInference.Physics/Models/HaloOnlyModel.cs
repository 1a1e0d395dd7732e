namespace CrInference.Physics.Models;

/// <summary>
/// <c>halo-only</c> — the two-phase model without its warm layer (KQ22 variant V6b: Figure 5 dashed B/C, Figure 6
/// blue dashed protons): the NLLD self-confined hot ISM/halo reaches the disk (eqs. 14, 16; B/C from eq. 30 at
/// z = 0). Same physics as <c>nlld</c> (<see cref="NlldHaloModel"/>), with the two-phase model's hot-ISM fiducials
/// (§4.2), so that the Figure 6 family shares one parameter set; a separate name keeps the comparison's variants
/// apart in run manifests.
/// </summary>
public sealed class HaloOnlyModel : NlldHaloModel
{
    /// <inheritdoc/>
    public override string Name => "halo-only";

    /// <inheritdoc/>
    public override string Summary => "two-phase model without the warm layer: NLLD self-confined halo only (V6b; eqs. 14, 16, 30)";
}
