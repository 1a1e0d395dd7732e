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

    /// <summary>
    /// The last digit the source table printed for this row's numbers (same unit as <see cref="Value"/>), or 0
    /// where the table's rounding is not known (<see cref="TableRounding"/>). A statistical error printed as 0 is
    /// below half of it. Mock tables read with <see cref="DatasetCatalog.WithDataDirectory"/> keep the bundled
    /// table's digit, so the error model does not change with the drawn value.
    /// </summary>
    public double LastPrintedDigit { get; init; }

    /// <summary>The systematic error components of this row, in the order of
    /// <see cref="Dataset.SysComponentNames"/> (empty where the table gives only a total).</summary>
    public ImmutableArray<double> SysComponents { get; init; } = [];
}

/// <summary>A published table with a stable id, e.g. <c>ams02-p-2015</c>.</summary>
/// <param name="Id">Stable id, e.g. <c>ams02-p-2015</c>.</param>
/// <param name="Title">Short description.</param>
/// <param name="Reference">The publication.</param>
/// <param name="FileName">The bundled file in <c>data/</c>.</param>
/// <param name="Quantity">What is measured.</param>
/// <param name="Axis">What it is measured against.</param>
/// <param name="ValueUnit">Unit of the values and errors.</param>
/// <param name="Points">The rows, in table order.</param>
/// <param name="Period">When and where the data were taken (sets the solar modulation; see <see cref="DataTakingPeriod"/>).</param>
/// <param name="Rounding">How the source table printed its numbers (sets the zero-statistical-error floor).</param>
/// <param name="SysComponentNames">Names of the systematic error components the table lists (empty: total only).</param>
/// <param name="Table">The file's header and fields as text, for writing the table back with other values.</param>
public sealed record Dataset(
    string Id,
    string Title,
    string Reference,
    string FileName,
    DatasetQuantity Quantity,
    DatasetAxis Axis,
    string ValueUnit,
    ImmutableArray<DataPoint> Points,
    DataTakingPeriod Period,
    TableRounding Rounding,
    ImmutableArray<string> SysComponentNames,
    SourceTable Table);

/// <summary>A table's text as read: header fields, data-row fields, and which column holds the measured value.</summary>
public sealed record SourceTable(ImmutableArray<string> Header, ImmutableArray<ImmutableArray<string>> Rows, int ValueColumn);
