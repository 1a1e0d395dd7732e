namespace CrInference.Physics.Models;

/// <summary>
/// <c>nlld</c> — single-phase self-confinement with nonlinear Landau damping and f_p(r) = 0 (KQ22 §2.1.2,
/// eqs. 10–16; variant V3). The physics is <see cref="NlldHaloModel"/>'s.
/// </summary>
public sealed class NlldModel : NlldHaloModel
{
    /// <inheritdoc/>
    public override string Name => "nlld";

    /// <inheritdoc/>
    public override string Summary => "single-phase NLLD self-confinement, f(r) = 0 (eqs. 10-16), B/C from eq. 30 at z = 0";
}
