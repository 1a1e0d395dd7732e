using System.Collections.Immutable;

namespace CrInference.Data;

/// <summary>
/// The bundled tables of <c>data/</c> (copied unchanged from the published sources, see
/// <c>data/README.md</c>), each with a stable id, its data-taking period and how its source printed numbers.
/// Loading validates every row and fails with one line naming the file, line and column
/// (<see cref="DatasetTableReader"/>). <see cref="WithDataDirectory"/> gives the same catalogue reading
/// <c>DIR/&lt;id&gt;.csv</c> instead (mock data).
/// </summary>
public sealed class DatasetCatalog
{
    private sealed record Entry(string Id, string FileName, string Title, string Reference, DatasetQuantity Quantity, DatasetAxis Axis,
        string ValueUnit, TableLayout Layout, DataTakingPeriod Period, TableRounding Rounding);

    private const string PerGV = "m^-2 sr^-1 s^-1 GV^-1";

    private static readonly Entry[] Entries =
    [
        new("ams02-p-2015", "ams02_proton_flux_prl2015.csv", "AMS-02 proton flux 2011-2013", "Aguilar et al. 2015, PRL 114, 171103",
            DatasetQuantity.ProtonFlux, DatasetAxis.RigidityGV, PerGV, TableLayout.ProtonFlux,
            DataTakingPeriod.Ams02From2011To2013, TableRounding.SharedExponentThreeDecimals),
        new("ams02-p-2021", "ams02_proton_flux_physrep2021.csv", "AMS-02 proton flux 2011-2018", "Aguilar et al. 2021, Phys. Rep. 894, 1",
            DatasetQuantity.ProtonFlux, DatasetAxis.RigidityGV, PerGV, TableLayout.ProtonFlux,
            DataTakingPeriod.Ams02From2011To2018, TableRounding.SharedExponentThreeDecimals),
        new("ams02-bc-2016-ekn", "ams02_bc_ratio_prl2016_ekn.csv", "AMS-02 B/C vs kinetic energy per nucleon 2011-2016", "Aguilar et al. 2016, PRL 117, 231102",
            DatasetQuantity.BoronToCarbon, DatasetAxis.KineticEnergyPerNucleonGeV, "1", TableLayout.RatioInKineticEnergyPerNucleon,
            DataTakingPeriod.Ams02From2011To2016, TableRounding.SharedExponentThreeDecimals),
        new("ams02-bc-2021", "ams02_bc_ratio_physrep2021.csv", "AMS-02 B/C vs rigidity 2011-2018", "Aguilar et al. 2021, Phys. Rep. 894, 1",
            DatasetQuantity.BoronToCarbon, DatasetAxis.RigidityGV, "1", TableLayout.RatioInRigidity,
            DataTakingPeriod.Ams02From2011To2018, TableRounding.SharedExponentThreeDecimals),
        new("ams02-c-2017", "ams02_carbon_flux_prl2017.csv", "AMS-02 carbon flux 2011-2016", "Aguilar et al. 2017, PRL 119, 251101",
            DatasetQuantity.CarbonFlux, DatasetAxis.RigidityGV, PerGV, TableLayout.CarbonFluxWithComponents,
            DataTakingPeriod.Ams02From2011To2016, TableRounding.Unknown),
        new("voyager1-h-2016", "voyager1_hydrogen_lis_cummings2016.csv", "Voyager 1 H intensity in the local ISM 2012-2015", "Cummings et al. 2016, ApJ 831, 18",
            DatasetQuantity.HydrogenIntensity, DatasetAxis.KineticEnergyPerNucleonGeV, "m^-2 sr^-1 s^-1 (MeV/n)^-1", TableLayout.VoyagerIntensity,
            DataTakingPeriod.Voyager1From2012To2015, TableRounding.Unknown),
    ];

    private readonly string _dataDirectory;
    private readonly DatasetCatalog? _bundled;
    private readonly Dictionary<string, Dataset> _loaded = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Catalog over the tables in <paramref name="dataDirectory"/> (normally <c>data/</c> of the repository).</summary>
    public DatasetCatalog(string dataDirectory) => _dataDirectory = dataDirectory;

    private DatasetCatalog(string replacementDirectory, DatasetCatalog bundled)
    {
        _dataDirectory = replacementDirectory;
        _bundled = bundled;
    }

    /// <summary>All dataset ids, in a stable order.</summary>
    public static IReadOnlyList<string> Ids { get; } = Entries.Select(e => e.Id).ToArray();

    /// <summary>True when <paramref name="id"/> names a bundled dataset.</summary>
    public static bool Exists(string id) => Entries.Any(e => e.Id == id);

    /// <summary>The quantity dataset <paramref name="id"/> measures (no file is read; throws for an unknown id).</summary>
    public static DatasetQuantity QuantityOf(string id) => Find(id).Quantity;

    /// <summary>The axis dataset <paramref name="id"/> is tabulated against (no file is read; throws for an unknown id).</summary>
    public static DatasetAxis AxisOf(string id) => Find(id).Axis;

    /// <summary>The data-taking period of dataset <paramref name="id"/> (no file is read; throws for an unknown id).</summary>
    public static DataTakingPeriod PeriodOf(string id) => Find(id).Period;

    /// <summary>The data folder this catalog reads.</summary>
    public string DataDirectory => _dataDirectory;

    /// <summary>True for a catalogue made by <see cref="WithDataDirectory"/>.</summary>
    public bool ReadsReplacementTables => _bundled is not null;

    /// <summary>Path of the file behind <paramref name="id"/>: the bundled file name, or <c>DIR/&lt;id&gt;.csv</c> for a
    /// catalogue made by <see cref="WithDataDirectory"/>.</summary>
    public string PathOf(string id)
    {
        var entry = Find(id);
        return Path.Combine(_dataDirectory, _bundled is null ? entry.FileName : entry.Id + ".csv");
    }

    /// <summary>
    /// The same datasets read from <c><paramref name="directory"/>/&lt;id&gt;.csv</c> (same parser, same layout, same
    /// metadata), e.g. mock data written by <see cref="DatasetTableWriter"/>. Each replacement table must keep every row
    /// and bin of the bundled table it replaces; its values may be ≤ 0; its rows keep the bundled printed digits
    /// (<see cref="DataPoint.LastPrintedDigit"/>), so the error model is the bundled one. Files are read when loaded.
    /// </summary>
    public DatasetCatalog WithDataDirectory(string directory) =>
        new(directory, _bundled ?? this);

    /// <summary>Loads (once) and returns dataset <paramref name="id"/>.</summary>
    public Dataset Load(string id)
    {
        var entry = Find(id);
        var reference = _bundled?.Load(id);
        lock (_gate)
        {
            if (!_loaded.TryGetValue(id, out var dataset))
            {
                var (points, table) = new DatasetTableReader(PathOf(id), entry.Layout, entry.Rounding, reference).Read();
                dataset = new Dataset(entry.Id, entry.Title, entry.Reference, entry.FileName, entry.Quantity, entry.Axis, entry.ValueUnit,
                    points, entry.Period, entry.Rounding, [.. entry.Layout.SysComponentNames], table);
                _loaded[id] = dataset;
            }
            return dataset;
        }
    }

    private static Entry Find(string id) =>
        Entries.FirstOrDefault(e => e.Id == id)
        ?? throw new DataFormatException($"unknown dataset id '{id}' (known: {string.Join(", ", Entries.Select(e => e.Id))})");
}
