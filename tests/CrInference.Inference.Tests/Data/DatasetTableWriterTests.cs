using CrInference.Data;
using CrInference.Inference.Tests.Storage;

namespace CrInference.Inference.Tests.Data;

/// <summary>Mock tables: written in the bundled layout with new values, read back through the same parser.</summary>
public sealed class DatasetTableWriterTests
{
    private static string Write(Dataset dataset, IReadOnlyList<double> values)
    {
        using var text = new StringWriter();
        DatasetTableWriter.Write(dataset, values, text);
        return text.ToString();
    }

    /// <summary>Values with 17 significant digits, some ≤ 0 (a Gaussian draw can be), scaled from the bundled ones.</summary>
    private static double[] OddValues(Dataset dataset) =>
        dataset.Points.Select((p, i) => i == 1 ? -p.Value / 3 : i == 2 ? 0 : p.Value * (1 + Math.PI * 1e-3 * (i + 1))).ToArray();

    [Theory]
    [InlineData("ams02-p-2015")]
    [InlineData("ams02-p-2021")]
    [InlineData("ams02-bc-2016-ekn")]
    [InlineData("ams02-bc-2021")]
    [InlineData("ams02-c-2017")]
    [InlineData("voyager1-h-2016")]
    public void WriteThenRead_GivesTheSameNumbers(string id)
    {
        var bundled = BundledData.Load(id);
        double[] values = OddValues(bundled);
        using var folder = new TemporaryDirectory();
        File.WriteAllText(folder.File(id + ".csv"), Write(bundled, values));

        var mock = BundledData.Catalog().WithDataDirectory(folder.Path).Load(id);

        Assert.Equal(values, mock.Points.Select(p => p.Value));
        for (int i = 0; i < bundled.Points.Length; i++)
        {
            var (b, m) = (bundled.Points[i], mock.Points[i]);
            Assert.Equal((b.Centre, b.BinLow, b.BinHigh, b.StatError, b.SysError, b.LastPrintedDigit), (m.Centre, m.BinLow, m.BinHigh, m.StatError, m.SysError, m.LastPrintedDigit));
            Assert.Equal(b.SysComponents.ToArray(), m.SysComponents.ToArray());
        }
    }

    [Fact]
    public void WrittenTable_DiffersFromTheBundledFileOnlyInTheValueColumn()
    {
        var bundled = BundledData.Load("ams02-p-2021");
        string[] original = File.ReadAllLines(BundledData.Catalog().PathOf("ams02-p-2021"));
        double[] values = bundled.Points.Select(p => p.Value * 1.25).ToArray();

        string[] written = Write(bundled, values).Split('\n');

        Assert.Equal("", written[^1]);
        Assert.Equal(original.Length, written.Length - 1);
        Assert.Equal(original[0], written[0]);
        for (int row = 1; row < original.Length; row++)
        {
            string[] a = original[row].Split(','), b = written[row].Split(',');
            Assert.Equal(a.Length, b.Length);
            for (int c = 0; c < a.Length; c++)
            {
                if (c == 2) Assert.Equal(values[row - 1].ToString("R", System.Globalization.CultureInfo.InvariantCulture), b[c]);
                else Assert.Equal(a[c], b[c]);
            }
        }
    }

    [Fact]
    public void ReplacementCatalogue_ReadsIdNamedFiles()
    {
        var catalog = BundledData.Catalog().WithDataDirectory("/mock");

        Assert.True(catalog.ReadsReplacementTables);
        Assert.Equal(Path.Combine("/mock", "ams02-bc-2021.csv"), catalog.PathOf("ams02-bc-2021"));
        Assert.False(BundledData.Catalog().ReadsReplacementTables);
        Assert.Equal("ams02_bc_ratio_physrep2021.csv", Path.GetFileName(BundledData.Catalog().PathOf("ams02-bc-2021")));
    }

    [Fact]
    public void ReplacementTable_WithOtherBins_IsRejected()
    {
        var bundled = BundledData.Load("ams02-bc-2021");
        string text = Write(bundled, bundled.Points.Select(p => p.Value).ToArray()).Replace("\n2.4,2.67,", "\n2.4,2.7,", StringComparison.Ordinal);
        using var folder = new TemporaryDirectory();
        File.WriteAllText(folder.File("ams02-bc-2021.csv"), text);

        var error = Assert.Throws<DataFormatException>(() => BundledData.Catalog().WithDataDirectory(folder.Path).Load("ams02-bc-2021"));

        Assert.Equal($"{folder.File("ams02-bc-2021.csv")}:4: column 1 (rigidity_low_GV): bin differs from row 3 of the bundled table ams02_bc_ratio_physrep2021.csv (centre 2.54558 vs 2.5314): a replacement table keeps the bundled bins", error.Message);
    }

    [Fact]
    public void ReplacementTable_WithMissingRows_IsRejected()
    {
        var bundled = BundledData.Load("voyager1-h-2016");
        string[] lines = Write(bundled, bundled.Points.Select(p => p.Value).ToArray()).Split('\n');
        using var folder = new TemporaryDirectory();
        File.WriteAllText(folder.File("voyager1-h-2016.csv"), string.Join("\n", lines[..^2]) + "\n");

        var error = Assert.Throws<DataFormatException>(() => BundledData.Catalog().WithDataDirectory(folder.Path).Load("voyager1-h-2016"));

        Assert.Equal($"{folder.File("voyager1-h-2016.csv")}:2: column 1 (ekn_plot_MeV_per_n): 14 data rows, but the bundled table voyager1_hydrogen_lis_cummings2016.csv has 15 (a replacement table keeps every bundled row)", error.Message);
    }

    [Fact]
    public void ReplacementTable_Missing_NamesTheExpectedPath()
    {
        using var folder = new TemporaryDirectory();
        var error = Assert.Throws<DataFormatException>(() => BundledData.Catalog().WithDataDirectory(folder.Path).Load("ams02-p-2015"));
        Assert.Equal($"{folder.File("ams02-p-2015.csv")}: data file not found", error.Message);
    }

    [Fact]
    public void Write_RejectsWrongCountAndNonFiniteValues()
    {
        var bundled = BundledData.Load("voyager1-h-2016");
        Assert.Throws<ArgumentException>(() => Write(bundled, new double[14]));
        var values = bundled.Points.Select(p => p.Value).ToArray();
        values[3] = double.NaN;
        Assert.Throws<ArgumentException>(() => Write(bundled, values));
    }
}
