using CrInference.Physics.Network;

namespace CrInference.Physics.Models;

/// <summary>
/// A residence with gas only in the thin disk and cheap rigidity dependence (streaming, linear-sc, stratified,
/// phenomenological): exact nodes, no ionised phases outside the disk, no layer/halo split of the components
/// (docs/CONVENTIONS.md E.9). Subclasses state <see cref="At"/> and their components.
/// </summary>
internal abstract class DiskGasResidence : IResidenceModel
{
    public bool PrefersExactNodes => true;

    public double LayerTemperatureK => double.NaN;

    public double HaloTemperatureK => double.NaN;

    public bool SplitsComponents => false;

    public virtual string? Prepare(double[] nodesGV, bool[] derivedNodes) => null;

    public abstract Residence At(double rigidityGV, double speedRatio, bool withColumns);

    public abstract void AddComponents(double[] rigiditiesGV, IDictionary<string, double[]> components);

    /// <summary>A residence G with no gas outside the disk; <paramref name="paperLoss"/> is KQ22's loss residence.</summary>
    protected static Residence Disk(double residence, double paperLoss) => new(residence, 0, residence, paperLoss, 0, 0);
}
