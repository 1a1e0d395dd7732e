namespace CrInference.Physics.Network;

/// <summary>
/// The thin-disk transport of one species at one rigidity, as a model states it (docs/CONVENTIONS.md E.8, E.9).
/// <see cref="Total"/> is the residence function G_i(R) = f_i(0)/S_i (s cm⁻¹): the disk density produced by a
/// per-side disk source S_i without interactions. <see cref="Layer"/> and <see cref="Halo"/> split it into the
/// diffusive layer (z_W/κ_i, or H/κ_i) and the self-confined halo (v_A⁻¹[1 − (a/(r − z_W + a))^{s_i}]).
/// <see cref="PaperLoss"/> is the residence that KQ22's proton loss factor uses (eqs. 9, 16, 33: 1/v_A for the
/// halo whatever a is). <see cref="LayerColumnCm2"/> and <see cref="HaloColumnCm2"/> are the effective gas columns
/// outside the disk (hydrogen nuclei per cm², <see cref="EffectiveColumns"/>); zero where the model has no gas there.
/// </summary>
public readonly record struct Residence(double Total, double Layer, double Halo, double PaperLoss, double LayerColumnCm2, double HaloColumnCm2);

/// <summary>
/// What a model states for the shared solution (<see cref="SpeciesNetwork"/>): the residence function of a test
/// species at rigidity R with speed ratio b = β_i/β_p (b = 1 for protons; κ_i = b κ_p, s_i = 1/b, KQ22 footnote 3
/// and open choice B.17) and the gas phases outside the disk. Models differ only here.
/// </summary>
public interface IResidenceModel
{
    /// <summary>Evaluates what depends on the rigidity alone (e.g. κ_turb) at <paramref name="nodesGV"/> (sorted,
    /// unique, spanning every rigidity <see cref="At"/> will be asked for); null or a one-line reason.
    /// <paramref name="derivedNodes"/> (empty, or one flag per node) marks the nodes that feed only derived quantities
    /// (parents, the loss mesh): they may be evaluated to the looser accuracy of <see cref="Transport.ITurbulentDiffusion"/>'s
    /// derived points.</summary>
    string? Prepare(double[] nodesGV, bool[] derivedNodes);

    /// <summary>The residence of a species with speed ratio <paramref name="speedRatio"/> at <paramref name="rigidityGV"/>;
    /// columns only when <paramref name="withColumns"/> (they cost a quadrature).</summary>
    Residence At(double rigidityGV, double speedRatio, bool withColumns);

    /// <summary>True when what <see cref="Prepare"/> evaluates is cheap or must be exact: the nodes are then the points
    /// themselves, never a lattice (<see cref="RigidityTable.Nodes"/>).</summary>
    bool PrefersExactNodes { get; }

    /// <summary>Temperature (K) of the ionised gas of the diffusive layer (Coulomb losses); NaN when it has none.</summary>
    double LayerTemperatureK { get; }

    /// <summary>Temperature (K) of the ionised gas of the halo; NaN when it has none.</summary>
    double HaloTemperatureK { get; }

    /// <summary>Whether the components split fluxes into layer and halo parts (two-phase: Figure 5's dotted and dashed lines).</summary>
    bool SplitsComponents { get; }

    /// <summary>Adds the model's own components (κ, a, …) at <paramref name="rigiditiesGV"/> (within the prepared nodes).</summary>
    void AddComponents(double[] rigiditiesGV, IDictionary<string, double[]> components);
}
