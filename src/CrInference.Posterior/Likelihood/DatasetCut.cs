using CrInference.Data;
using CrInference.Physics.Kinematics;

namespace CrInference.Posterior.Likelihood;

/// <summary>
/// A range cut on a dataset, in rigidity (GV) and/or kinetic energy per nucleon (GeV/n) of the
/// dataset's species; a point is kept when its bin centre passes every bound given. Defaults
/// (KQ22 §2.2, §4.2): protons E_k &gt; 10 GeV, B/C E_k/n &gt; 1 GeV/n, Voyager and carbon uncut.
/// </summary>
public sealed record DatasetCut(double? MinGV = null, double? MaxGV = null, double? MinGeVPerNucleon = null, double? MaxGeVPerNucleon = null)
{
    /// <summary>No cut.</summary>
    public static DatasetCut None { get; } = new();

    /// <summary>The default cut of a quantity (the paper's ranges).</summary>
    public static DatasetCut DefaultFor(DatasetQuantity quantity) => quantity switch
    {
        DatasetQuantity.ProtonFlux => new DatasetCut(MinGeVPerNucleon: 10),
        DatasetQuantity.BoronToCarbon => new DatasetCut(MinGeVPerNucleon: 1),
        _ => None,
    };

    /// <summary>True when a point at rigidity <paramref name="rigidityGV"/> of <paramref name="nucleus"/> passes.</summary>
    public bool Keeps(double rigidityGV, Nucleus nucleus)
    {
        double ekn = Kinematic.KineticEnergyPerNucleonGeV(rigidityGV, nucleus);
        return (MinGV is null || rigidityGV >= MinGV) && (MaxGV is null || rigidityGV <= MaxGV)
            && (MinGeVPerNucleon is null || ekn >= MinGeVPerNucleon) && (MaxGeVPerNucleon is null || ekn <= MaxGeVPerNucleon);
    }

    /// <summary>Human-readable form for manifests, e.g. <c>E_k/n >= 1 GeV/n</c>.</summary>
    public override string ToString()
    {
        var parts = new List<string>();
        if (MinGV is not null) parts.Add($"R >= {MinGV} GV");
        if (MaxGV is not null) parts.Add($"R <= {MaxGV} GV");
        if (MinGeVPerNucleon is not null) parts.Add($"E_k/n >= {MinGeVPerNucleon} GeV/n");
        if (MaxGeVPerNucleon is not null) parts.Add($"E_k/n <= {MaxGeVPerNucleon} GeV/n");
        return parts.Count == 0 ? "none" : string.Join(", ", parts);
    }
}
