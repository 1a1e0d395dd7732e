using System.Text.Json;
using CrInference.Storage.Parquet;

namespace CrInference.Inference.Tests.Storage;

/// <summary>
/// Chain files against an independent Parquet implementation (hyparquet, via
/// <c>tools/parquet-interop</c>): hyparquet reads ours, and we read files hyparquet-writer wrote.
/// Needs <c>npm ci --prefix tools/parquet-interop</c>.
/// </summary>
public sealed class ParquetInteropTests
{
    [Fact]
    public async Task Hyparquet_ReadsOurChainFile_SameColumnsValuesAndManifest()
    {
        using var folder = new TemporaryDirectory();
        string path = await ChainFixtures.WriteRunAsync(folder.Path, blocks: 3);

        using var json = NodeInterop.Run("read.mjs", path, "--all");
        var root = json.RootElement;

        int rows = 3 * ChainFixtures.Walkers * ChainFixtures.StepsPerBlock;
        Assert.Equal(rows, root.GetProperty("rows").GetInt32());
        Assert.Equal([rows / 3, rows / 3, rows / 3], root.GetProperty("row_groups").EnumerateArray().Select(e => e.GetInt32()));
        var columns = root.GetProperty("columns").EnumerateArray().ToList();
        Assert.Equal(ChainFixtures.Schema.Names, columns.Select(c => c.GetProperty("name").GetString()));
        Assert.Equal(["INT32", "INT64", "DOUBLE", "DOUBLE", "DOUBLE", "DOUBLE", "DOUBLE", "DOUBLE", "DOUBLE", "DOUBLE", "BOOLEAN"], columns.Select(c => c.GetProperty("type").GetString()));
        Assert.All(columns, c => Assert.Equal("REQUIRED", c.GetProperty("repetition").GetString()));
        Assert.Equal(ChainFixtures.Metadata[ChainColumnNames.ManifestMetadataKey], root.GetProperty("metadata").GetProperty(ChainColumnNames.ManifestMetadataKey).GetString());

        var values = root.GetProperty("values");
        var x = values.GetProperty("x").EnumerateArray().Select(NodeInterop.ToDouble).ToArray();
        var y = values.GetProperty("y").EnumerateArray().Select(NodeInterop.ToDouble).ToArray();
        var chain = values.GetProperty(ChainColumnNames.Chain).EnumerateArray().Select(e => e.GetInt32()).ToArray();
        var draw = values.GetProperty(ChainColumnNames.Draw).EnumerateArray().Select(e => e.GetInt64()).ToArray();
        var accepted = values.GetProperty(ChainColumnNames.Accepted).EnumerateArray().Select(e => e.GetBoolean()).ToArray();
        for (int row = 0; row < rows; row++)
        {
            long step = row / ChainFixtures.Walkers;
            int walker = row % ChainFixtures.Walkers;
            Assert.Equal(walker, chain[row]);
            Assert.Equal(step, draw[row]);
            Assert.Equal((step + walker) % 3 != 0, accepted[row]);
            ChainFixtures.AssertSameBits(ChainFixtures.X(step, walker), x[row], $"x[{row}]");
            double expectedY = ChainFixtures.Y(step, walker);
            if (BitConverter.DoubleToInt64Bits(expectedY) == BitConverter.DoubleToInt64Bits(-0.0))
            {
                Assert.Equal(0.0, y[row]); // JSON has no −0: JavaScript prints it as 0
            }
            else
            {
                ChainFixtures.AssertSameBits(expectedY, y[row], $"y[{row}]");
            }
        }
    }

    [Fact]
    public async Task ChainTableReader_ReadsHyparquetFile_ValuesMatchHyparquetsOwnReading()
    {
        using var folder = new TemporaryDirectory();
        string path = folder.File("gaussian.parquet");
        using var written = NodeInterop.Run("write.mjs", path, "--rows", "4000", "--seed", "7");
        using var reference = NodeInterop.Run("read.mjs", path, "--all");

        var table = await ChainTableReader.ReadAsync(path);

        Assert.Equal(4000, table.RowCount);
        Assert.Equal(["x", "y"], table.Columns.Select(c => c.Name));
        Assert.All(table.Columns, c => Assert.Equal("double", c.TypeName));
        Assert.All(table.Columns, c => Assert.True(c.IsNullable)); // hyparquet-writer writes OPTIONAL columns
        Assert.All(table.Columns, c => Assert.Equal(0, c.NullCount));
        Assert.Null(table.Manifest);
        Assert.Equal("tools/parquet-interop/write.mjs (hyparquet-writer)", table.Metadata["generator"]);
        foreach (string name in new[] { "x", "y" })
        {
            var expected = reference.RootElement.GetProperty("values").GetProperty(name).EnumerateArray().Select(NodeInterop.ToDouble).ToArray();
            var actual = table.Values(name);
            for (int i = 0; i < expected.Length; i++) ChainFixtures.AssertSameBits(expected[i], actual[i], $"{name}[{i}]");
        }

        // The sample is from N(mean (1, −2), sd (1, 0.5), corr 0.8) (write.mjs); with n = 4000
        // the standard errors are 0.016 and 0.008 on the means, 0.0057 on the correlation
        // ((1 − ρ²)/√n); the bounds are about 5 of them.
        var xs = table.Values("x");
        var ys = table.Values("y");
        double meanX = xs.Average(), meanY = ys.Average();
        double sdX = Math.Sqrt(xs.Select(v => (v - meanX) * (v - meanX)).Average());
        double sdY = Math.Sqrt(ys.Select(v => (v - meanY) * (v - meanY)).Average());
        double correlation = xs.Zip(ys, (a, b) => (a - meanX) * (b - meanY)).Average() / (sdX * sdY);
        Assert.InRange(meanX, 1 - 0.08, 1 + 0.08);
        Assert.InRange(meanY, -2 - 0.04, -2 + 0.04);
        Assert.InRange(sdX, 1 - 0.06, 1 + 0.06);
        Assert.InRange(sdY, 0.5 - 0.03, 0.5 + 0.03);
        Assert.InRange(correlation, 0.8 - 0.03, 0.8 + 0.03);
    }

    [Fact]
    public async Task ChainTableReader_HyparquetFileWithNullsTextAndWeights_NullsBecomeNaNTextIsNotNumeric()
    {
        using var folder = new TemporaryDirectory();
        string path = folder.File("weighted.parquet");
        using var written = NodeInterop.Run("write.mjs", path, "--rows", "500", "--weighted", "--with-text", "--with-nulls");

        var table = await ChainTableReader.ReadAsync(path);

        Assert.Equal(["x", "y", "weight", "label"], table.Columns.Select(c => c.Name));
        Assert.Equal(["x", "y", "weight"], table.NumericColumnNames);
        var y = table.Values("y");
        Assert.Equal(5, table.Column("y").NullCount);
        for (int i = 0; i < y.Length; i++) Assert.Equal(i % 100 == 99, double.IsNaN(y[i]));
        Assert.All(table.Values("weight"), w => Assert.True(w > 0 && double.IsFinite(w)));
        Assert.Equal("string", table.Column("label").TypeName);
        Assert.Null(table.Column("label").Values);
        var error = Assert.Throws<ChainTableException>(() => table.Values("label"));
        Assert.Equal($"{path}: column 'label' is not numeric (string)", error.Message);
        var requested = await Assert.ThrowsAsync<ChainTableException>(() => ChainTableReader.ReadAsync(path, ["x", "label"]));
        Assert.Equal($"{path}: column 'label' is not numeric (string)", requested.Message);
    }

    [Fact]
    public async Task ChainTableReader_HyparquetIntegerAndFloatColumns_ConvertExactly()
    {
        using var folder = new TemporaryDirectory();
        string path = folder.File("types.parquet");
        using var written = NodeInterop.Run("write.mjs", path, "--rows", "300", "--with-ints");

        var table = await ChainTableReader.ReadAsync(path);

        Assert.Equal(["double", "double", "int32", "int64", "float"], table.Columns.Select(c => c.TypeName));
        var id = table.Values("id");
        var step = table.Values("step");
        var x = table.Values("x");
        var x32 = table.Values("x32");
        for (int i = 0; i < 300; i++)
        {
            Assert.Equal(i, id[i]);
            Assert.Equal(10.0 * i, step[i]);
            ChainFixtures.AssertSameBits((float)x[i], x32[i], $"x32[{i}]"); // write.mjs stores Math.fround(x)
        }
    }
}
