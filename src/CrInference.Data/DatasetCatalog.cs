using System.Collections.Immutable;
using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace CrInference.Data;

/// <summary>
/// The bundled tables of <c>data/</c> (copied unchanged from the published sources, see
/// <c>data/README.md</c>), each with a stable id. Loading validates every row and fails
/// with one line naming the file and row.
/// </summary>
public sealed class DatasetCatalog
{
    private sealed record Entry(string Id, string FileName, string Title, string Reference, DatasetQuantity Quantity, DatasetAxis Axis, string ValueUnit, Layout Layout);

    private enum Layout { RigidityBins, EknGeomean, VoyagerMeV }

    private static readonly Entry[] Entries =
    [
        new("ams02-p-2015", "ams02_proton_flux_prl2015.csv", "AMS-02 proton flux 2011-2013",
            "Aguilar et al. 2015, PRL 114, 171103", DatasetQuantity.ProtonFlux, DatasetAxis.RigidityGV, "m^-2 sr^-1 s^-1 GV^-1", Layout.RigidityBins),
        new("ams02-p-2021", "ams02_proton_flux_physrep2021.csv", "AMS-02 proton flux 2011-2018",
            "Aguilar et al. 2021, Phys. Rep. 894, 1", DatasetQuantity.ProtonFlux, DatasetAxis.RigidityGV, "m^-2 sr^-1 s^-1 GV^-1", Layout.RigidityBins),
        new("ams02-bc-2016-ekn", "ams02_bc_ratio_prl2016_ekn.csv", "AMS-02 B/C vs kinetic energy per nucleon 2011-2016",
            "Aguilar et al. 2016, PRL 117, 231102", DatasetQuantity.BoronToCarbon, DatasetAxis.KineticEnergyPerNucleonGeV, "1", Layout.EknGeomean),
        new("ams02-bc-2021", "ams02_bc_ratio_physrep2021.csv", "AMS-02 B/C vs rigidity 2011-2018",
            "Aguilar et al. 2021, Phys. Rep. 894, 1", DatasetQuantity.BoronToCarbon, DatasetAxis.RigidityGV, "1", Layout.RigidityBins),
        new("ams02-c-2017", "ams02_carbon_flux_prl2017.csv", "AMS-02 carbon flux 2011-2016",
            "Aguilar et al. 2017, PRL 119, 251101", DatasetQuantity.CarbonFlux, DatasetAxis.RigidityGV, "m^-2 sr^-1 s^-1 GV^-1", Layout.RigidityBins),
        new("voyager1-h-2016", "voyager1_hydrogen_lis_cummings2016.csv", "Voyager 1 H intensity in the local ISM 2012-2015",
            "Cummings et al. 2016, ApJ 831, 18", DatasetQuantity.HydrogenIntensity, DatasetAxis.KineticEnergyPerNucleonGeV, "m^-2 sr^-1 s^-1 (MeV/n)^-1", Layout.VoyagerMeV),
    ];

    private readonly string _dataDirectory;
    private readonly Dictionary<string, Dataset> _loaded = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Catalog over the tables in <paramref name="dataDirectory"/> (normally <c>data/</c> of the repository).</summary>
    public DatasetCatalog(string dataDirectory) => _dataDirectory = dataDirectory;

    /// <summary>All dataset ids, in a stable order.</summary>
    public static IReadOnlyList<string> Ids { get; } = Entries.Select(e => e.Id).ToArray();

    /// <summary>True when <paramref name="id"/> names a bundled dataset.</summary>
    public static bool Exists(string id) => Entries.Any(e => e.Id == id);

    /// <summary>The quantity dataset <paramref name="id"/> measures (no file is read; throws for an unknown id).</summary>
    public static DatasetQuantity QuantityOf(string id) => Find(id).Quantity;

    /// <summary>The axis dataset <paramref name="id"/> is tabulated against (no file is read; throws for an unknown id).</summary>
    public static DatasetAxis AxisOf(string id) => Find(id).Axis;

    /// <summary>The data folder this catalog reads.</summary>
    public string DataDirectory => _dataDirectory;

    /// <summary>Path of the file behind <paramref name="id"/>.</summary>
    public string PathOf(string id) => Path.Combine(_dataDirectory, Find(id).FileName);

    /// <summary>Loads (once) and returns dataset <paramref name="id"/>.</summary>
    public Dataset Load(string id)
    {
        var entry = Find(id);
        lock (_gate)
        {
            if (!_loaded.TryGetValue(id, out var dataset))
            {
                dataset = Read(entry, Path.Combine(_dataDirectory, entry.FileName));
                _loaded[id] = dataset;
            }
            return dataset;
        }
    }

    private static Entry Find(string id) =>
        Entries.FirstOrDefault(e => e.Id == id)
        ?? throw new DataFormatException($"unknown dataset id '{id}' (known: {string.Join(", ", Entries.Select(e => e.Id))})");

    private static Dataset Read(Entry entry, string path)
    {
        if (!File.Exists(path))
        {
            throw new DataFormatException($"{path}: data file not found");
        }
        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { HasHeaderRecord = true, TrimOptions = TrimOptions.Trim };
        var points = ImmutableArray.CreateBuilder<DataPoint>();
        try
        {
            using var reader = new StreamReader(path);
            using var csv = new CsvReader(reader, config);
            if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is null)
            {
                throw new DataFormatException($"{path}:1: missing header row");
            }
            string[] expected = ExpectedColumns(entry.Layout, path);
            string[] header = csv.HeaderRecord;
            if (header.Length < expected.Length || !expected.SequenceEqual(header.Take(expected.Length), StringComparer.Ordinal))
            {
                throw new DataFormatException($"{path}:1: header must start with {string.Join(",", expected)} (got {string.Join(",", header)})");
            }
            int row = 1;
            while (csv.Read())
            {
                row++;
                points.Add(ParseRow(entry.Layout, csv, header.Length, path, row));
            }
        }
        catch (IOException e)
        {
            throw new DataFormatException($"{path}: cannot read ({e.Message})");
        }
        catch (CsvHelperException e)
        {
            throw new DataFormatException($"{path}:{e.Context?.Parser?.Row}: malformed CSV ({e.GetType().Name})");
        }
        if (points.Count == 0)
        {
            throw new DataFormatException($"{path}: no data rows");
        }
        return new Dataset(entry.Id, entry.Title, entry.Reference, entry.FileName, entry.Quantity, entry.Axis, entry.ValueUnit, points.ToImmutable());
    }

    private static string[] ExpectedColumns(Layout layout, string path) => layout switch
    {
        Layout.RigidityBins when path.Contains("bc_ratio", StringComparison.Ordinal) =>
            ["rigidity_low_GV", "rigidity_high_GV", "bc_ratio", "stat_err", "sys_err"],
        Layout.RigidityBins when path.Contains("carbon", StringComparison.Ordinal) =>
            ["rigidity_low_GV", "rigidity_high_GV", "flux_per_m2_sr_s_GV", "stat_err_per_m2_sr_s_GV", "sys_acc_err_per_m2_sr_s_GV",
             "sys_unf_err_per_m2_sr_s_GV", "sys_scale_err_per_m2_sr_s_GV", "sys_total_err_per_m2_sr_s_GV"],
        Layout.RigidityBins =>
            ["rigidity_low_GV", "rigidity_high_GV", "flux_per_m2_sr_s_GV", "stat_err_per_m2_sr_s_GV", "sys_err_per_m2_sr_s_GV"],
        Layout.EknGeomean => ["ekn_geomean_GeV_per_n", "bc_ratio", "stat_err", "sys_err"],
        Layout.VoyagerMeV => ["ekn_plot_MeV_per_n", "intensity_per_m2_s_sr_MeV_per_n", "stat_err_per_m2_s_sr_MeV_per_n", "sys_err_per_m2_s_sr_MeV_per_n"],
        _ => throw new InvalidOperationException(layout.ToString()),
    };

    private static DataPoint ParseRow(Layout layout, CsvReader csv, int columns, string path, int row)
    {
        if (csv.Parser.Count != columns)
        {
            throw new DataFormatException($"{path}:{row}: expected {columns} fields, found {csv.Parser.Count}");
        }
        double Field(int i, bool positive)
        {
            string? text = csv.GetField(i);
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || double.IsNaN(v) || double.IsInfinity(v))
            {
                throw new DataFormatException($"{path}:{row}: field {i + 1} is not a finite number ('{text}')");
            }
            if (positive ? v <= 0 : v < 0)
            {
                throw new DataFormatException($"{path}:{row}: field {i + 1} must be {(positive ? "> 0" : ">= 0")} (got {text})");
            }
            return v;
        }
        switch (layout)
        {
            case Layout.RigidityBins:
            {
                double low = Field(0, true), high = Field(1, true);
                if (!(high > low)) throw new DataFormatException($"{path}:{row}: bin edges must increase (got {low}, {high})");
                // The carbon table lists systematic components before the total (last column).
                double sys = columns == 8 ? Field(7, false) : Field(4, false);
                return new DataPoint(Math.Sqrt(low * high), low, high, Field(2, true), Field(3, false), sys);
            }
            case Layout.EknGeomean:
                return new DataPoint(Field(0, true), null, null, Field(1, true), Field(2, false), Field(3, false));
            case Layout.VoyagerMeV:
                return new DataPoint(Field(0, true) * 1e-3, null, null, Field(1, true), Field(2, false), Field(3, false));
            default:
                throw new InvalidOperationException(layout.ToString());
        }
    }
}
