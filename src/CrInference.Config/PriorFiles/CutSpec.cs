namespace CrInference.Config.PriorFiles;

/// <summary>
/// A user override of one dataset's default range (<c>likelihood.cuts.&lt;dataset&gt;</c>):
/// either in rigidity (<c>min_GV</c>/<c>max_GV</c>) or in kinetic energy per nucleon
/// (<c>min_GeV_per_n</c>/<c>max_GeV_per_n</c>), never both. Null bounds keep the default.
/// </summary>
public sealed record CutSpec(double? MinGV, double? MaxGV, double? MinGeVPerNucleon, double? MaxGeVPerNucleon)
{
    /// <summary>Whether the cut is expressed in rigidity.</summary>
    public bool IsRigidity => MinGV is not null || MaxGV is not null;
}
