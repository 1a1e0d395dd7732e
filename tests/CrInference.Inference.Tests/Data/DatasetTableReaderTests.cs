using CrInference.Data;
using CrInference.Inference.Tests.Storage;

namespace CrInference.Inference.Tests.Data;

/// <summary>
/// Malformed dataset tables: each is rejected with exactly one line naming the file, the line and the column.
/// The tables are variants of the first rows of <c>data/ams02_bc_ratio_physrep2021.csv</c> (and of the E_k/n B/C
/// table for the bin-centre layout), written under the bundled file name into a temporary folder.
/// </summary>
public sealed class DatasetTableReaderTests
{
    private const string RigidityFile = "ams02_bc_ratio_physrep2021.csv";
    private const string Header = "rigidity_low_GV,rigidity_high_GV,bc_ratio,stat_err,sys_err";
    private const string Row1 = "1.92,2.15,0.2867,0.0013,0.0159";
    private const string Row2 = "2.15,2.4,0.2915,0.0011,0.014";
    private const string Row3 = "2.4,2.67,0.2995,0.001,0.0129";

    private static string Error(string text, string fileName = RigidityFile, string id = "ams02-bc-2021")
    {
        using var folder = new TemporaryDirectory();
        File.WriteAllText(folder.File(fileName), text);
        var error = Assert.Throws<DataFormatException>(() => new DatasetCatalog(folder.Path).Load(id));
        Assert.DoesNotContain('\n', error.Message);
        string prefix = folder.File(fileName) + ":";
        Assert.StartsWith(prefix, error.Message);
        return error.Message[prefix.Length..];
    }

    private static string Lines(params string[] lines) => string.Join("\n", lines) + "\n";

    [Fact]
    public void EmptyFile_IsRejectedAtLineOne()
    {
        Assert.Equal($"1: column 1 (rigidity_low_GV): empty file (expected the header {Header})", Error(""));
    }

    [Fact]
    public void HeaderWithoutRows_IsRejected()
    {
        Assert.Equal("2: column 1 (rigidity_low_GV): no data rows after the header", Error(Lines(Header)));
    }

    [Fact]
    public void MissingColumn_NamesTheColumn()
    {
        Assert.Equal($"1: column 5 (sys_err): missing column (the header must be {Header})",
            Error(Lines("rigidity_low_GV,rigidity_high_GV,bc_ratio,stat_err", "1.92,2.15,0.2867,0.0013")));
    }

    [Fact]
    public void RenamedColumn_NamesExpectedAndFound()
    {
        Assert.Equal("1: column 3 (bc_ratio): expected header 'bc_ratio', found 'ratio'",
            Error(Lines("rigidity_low_GV,rigidity_high_GV,ratio,stat_err,sys_err", Row1)));
    }

    [Fact]
    public void ExtraHeaderColumn_IsRejected()
    {
        Assert.Equal($"1: column 6: unexpected extra column 'note' (the header must be {Header})",
            Error(Lines(Header + ",note", Row1 + ",x")));
    }

    [Fact]
    public void DuplicateColumnName_IsRejected()
    {
        Assert.Equal("1: column 5 (sys_err): duplicate column name 'stat_err' (also column 4)",
            Error(Lines("rigidity_low_GV,rigidity_high_GV,bc_ratio,stat_err,stat_err", Row1)));
    }

    [Fact]
    public void RepeatedHeaderRow_IsRejected()
    {
        Assert.Equal("3: column 1 (rigidity_low_GV): repeated header row", Error(Lines(Header, Row1, Header, Row2)));
    }

    [Fact]
    public void MissingHeaderRow_IsRecognised()
    {
        Assert.Equal("1: column 1 (rigidity_low_GV): expected header 'rigidity_low_GV', found '1.92' (the header row is missing)",
            Error(Lines(Row1, Row2)));
    }

    [Fact]
    public void NonNumericValue_NamesLineAndColumn()
    {
        Assert.Equal("3: column 3 (bc_ratio): not a finite number ('abc')", Error(Lines(Header, Row1, "2.15,2.4,abc,0.0011,0.014")));
    }

    [Fact]
    public void EmptyField_IsNotANumber()
    {
        Assert.Equal("2: column 4 (stat_err): not a finite number ('')", Error(Lines(Header, "1.92,2.15,0.2867,,0.0159")));
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("1e400")]
    public void NonFiniteNumber_IsRejected(string text)
    {
        Assert.Equal($"2: column 5 (sys_err): not a finite number ('{text}')", Error(Lines(Header, $"1.92,2.15,0.2867,0.0013,{text}")));
    }

    [Fact]
    public void NegativeError_IsRejected()
    {
        Assert.Equal("3: column 4 (stat_err): must be >= 0 (got -0.0011)", Error(Lines(Header, Row1, "2.15,2.4,0.2915,-0.0011,0.014")));
    }

    [Fact]
    public void NonPositiveValue_IsRejectedInABundledTable()
    {
        Assert.Equal("2: column 3 (bc_ratio): must be > 0 (got 0)", Error(Lines(Header, "1.92,2.15,0,0.0013,0.0159")));
    }

    [Fact]
    public void RowWithTooFewFields_NamesTheFirstMissingColumn()
    {
        Assert.Equal("3: column 5 (sys_err): expected 5 fields, found 4", Error(Lines(Header, Row1, "2.15,2.4,0.2915,0.0011")));
    }

    [Fact]
    public void RowWithTooManyFields_NamesTheExtraColumn()
    {
        Assert.Equal("2: column 6: expected 5 fields, found 6", Error(Lines(Header, Row1 + ",0.1")));
    }

    [Fact]
    public void SemicolonSeparatedDecimalCommaRow_IsRejectedAsWrongFieldCount()
    {
        Assert.Equal("2: column 6: expected 5 fields, found 6", Error(Lines(Header, "1,92;2,15;0,2867;0,0013;0,0159")));
    }

    [Fact]
    public void QuotedNumber_IsNotANumber()
    {
        Assert.Equal("2: column 3 (bc_ratio): not a finite number ('\"0.2867\"')", Error(Lines(Header, "1.92,2.15,\"0.2867\",0.0013,0.0159")));
    }

    [Fact]
    public void ReversedBinEdges_AreRejected()
    {
        Assert.Equal("3: column 2 (rigidity_high_GV): upper bin edge must exceed the lower one (got 2.4, 2.15)",
            Error(Lines(Header, Row1, "2.4,2.15,0.2915,0.0011,0.014")));
    }

    [Fact]
    public void OverlappingBins_AreRejected()
    {
        Assert.Equal("3: column 1 (rigidity_low_GV): bin starts at 2.1, below the end of the previous bin (2.15): bins must be sorted and must not overlap",
            Error(Lines(Header, Row1, "2.1,2.4,0.2915,0.0011,0.014")));
    }

    [Fact]
    public void UnsortedBins_AreRejected()
    {
        Assert.Equal("3: column 1 (rigidity_low_GV): bin starts at 1.92, below the end of the previous bin (2.4): bins must be sorted and must not overlap",
            Error(Lines(Header, Row2, Row1, Row3)));
    }

    [Fact]
    public void UnsortedBinCentres_AreRejected()
    {
        Assert.Equal("3: column 1 (ekn_geomean_GeV_per_n): 0.446482 does not exceed the previous row's value: rows must be sorted without repeats",
            Error(Lines("ekn_geomean_GeV_per_n,bc_ratio,stat_err,sys_err", "0.537316,0.3251,0.0017,0.0147", "0.446482,0.321,0.0018,0.0154"),
                "ams02_bc_ratio_prl2016_ekn.csv", "ams02-bc-2016-ekn"));
    }

    [Fact]
    public void BlankLines_AreSkippedAndLinesCountedAsInTheFile()
    {
        Assert.Equal("5: column 3 (bc_ratio): not a finite number ('x')", Error(Lines(Header, Row1, "", "", "2.15,2.4,x,0.0011,0.014")));
    }

    [Fact]
    public void MissingFile_IsOneLine()
    {
        using var folder = new TemporaryDirectory();
        var error = Assert.Throws<DataFormatException>(() => new DatasetCatalog(folder.Path).Load("ams02-bc-2021"));
        Assert.Equal($"{folder.File(RigidityFile)}: data file not found", error.Message);
    }

    [Fact]
    public void ByteOrderMark_IsAccepted()
    {
        using var folder = new TemporaryDirectory();
        File.WriteAllText(folder.File(RigidityFile), Lines(Header, Row1, Row2), new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        Assert.Equal([0xEF, 0xBB, 0xBF], File.ReadAllBytes(folder.File(RigidityFile))[..3]);

        var dataset = new DatasetCatalog(folder.Path).Load("ams02-bc-2021");

        Assert.Equal([0.2867, 0.2915], dataset.Points.Select(p => p.Value));
        Assert.Equal(Math.Sqrt(1.92 * 2.15), dataset.Points[0].Centre);
    }

    [Fact]
    public void EveryBundledTable_LoadsWithItsRowCountAndPeriod()
    {
        // Row counts and periods of data/README.md.
        var expected = new Dictionary<string, (int Rows, string Period)>
        {
            ["ams02-p-2015"] = (72, "ams02-2011-2013"),
            ["ams02-p-2021"] = (72, "ams02-2011-2018"),
            ["ams02-bc-2016-ekn"] = (67, "ams02-2011-2016"),
            ["ams02-bc-2021"] = (67, "ams02-2011-2018"),
            ["ams02-c-2017"] = (68, "ams02-2011-2016"),
            ["voyager1-h-2016"] = (15, "voyager1-2012-2015"),
        };
        var catalog = BundledData.Catalog();

        Assert.Equal(expected.Keys.Order(), DatasetCatalog.Ids.Order());
        foreach (var (id, (rows, period)) in expected)
        {
            var dataset = catalog.Load(id);
            Assert.Equal(rows, dataset.Points.Length);
            Assert.Equal(period, dataset.Period.Id);
            Assert.Equal(period, DatasetCatalog.PeriodOf(id).Id);
            Assert.Equal(id != "voyager1-h-2016", dataset.Period.IsModulated);
        }
    }

    [Fact]
    public void CarbonTable_KeepsItsThreeSystematicComponents()
    {
        // First row of data/ams02_carbon_flux_prl2017.csv: acc 0.03893, unf 0.02938, scale 0.006741, total 0.04923.
        var carbon = BundledData.Load("ams02-c-2017");

        Assert.Equal(["acc", "unf", "scale"], carbon.SysComponentNames.ToArray());
        Assert.Equal([0.03893, 0.02938, 0.006741], carbon.Points[0].SysComponents.ToArray());
        Assert.Equal(0.04923, carbon.Points[0].SysError);
    }
}
