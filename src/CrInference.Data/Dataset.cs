using System.Collections.Immutable;

namespace CrInference.Data;

/// <summary>What a dataset's points are measured against.</summary>
public enum DatasetAxis
{
    /// <summary>Magnetic rigidity R in GV.</summary>
    RigidityGV,

    /// <summary>Kinetic energy per nucleon in GeV/n (MeV/n tables are converted on load, ×1e-3).</summary>
    KineticEnergyPerNucleonGeV,
}

/// <summary>The measured quantity.</summary>
public enum DatasetQuantity
{
    /// <summary>Proton flux per unit rigidity, m⁻² sr⁻¹ s⁻¹ GV⁻¹.</summary>
    ProtonFlux,

    /// <summary>Hydrogen intensity per unit kinetic energy per nucleon, m⁻² sr⁻¹ s⁻¹ (MeV/n)⁻¹.</summary>
    HydrogenIntensity,

    /// <summary>Boron-to-carbon flux ratio (dimensionless).</summary>
    BoronToCarbon,

    /// <summary>Carbon flux per unit rigidity, m⁻² sr⁻¹ s⁻¹ GV⁻¹.</summary>
    CarbonFlux,
}

/// <summary>
/// One measured point. <see cref="Centre"/> is on the dataset's axis (GV or GeV/n): the
/// geometric mean of the bin edges where edges are published, else the tabulated plotting
/// energy. Errors are symmetric (the sources give equal lower and upper errors).
/// </summary>
public sealed record DataPoint(double Centre, double? BinLow, double? BinHigh, double Value, double StatError, double SysError)
{
    /// <summary>Statistical ⊕ systematic error, √(σ_stat² + σ_sys²).</summary>
    public double TotalError => Math.Sqrt(StatError * StatError + SysError * SysError);
}

/// <summary>A published table with a stable id, e.g. <c>ams02-p-2015</c>.</summary>
public sealed record Dataset(
    string Id,
    string Title,
    string Reference,
    string FileName,
    DatasetQuantity Quantity,
    DatasetAxis Axis,
    string ValueUnit,
    ImmutableArray<DataPoint> Points);
