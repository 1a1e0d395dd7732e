using Parquet;
using Parquet.Schema;

namespace CrInference.Plotting.Tests;

/// <summary>
/// A Parquet file written directly with Parquet.Net, as another tool would (no chain/draw,
/// float32 and int64 columns, a string column, a foreign manifest), read and plotted.
/// </summary>
public sealed class SampleTableReaderTests : IDisposable
{
    private readonly TestOutput _output = new();

    public void Dispose() => _output.Dispose();

    private async Task<string> WriteForeignFileAsync()
    {
        (double[] x, double[] y) = CorrelatedGaussian.Draw(50, 3000);
        var schema = new ParquetSchema(
            new DataField<float>("alpha"),
            new DataField<double>("beta"),
            new DataField<long>("step"),
            new DataField<string>("tag"),
            new DataField<double>("weight"));
        string path = _output.File("foreign.parquet");
        await using (FileStream stream = File.Create(path))
        {
            await using ParquetWriter writer = await ParquetWriter.CreateAsync(schema, stream);
            writer.CustomMetadata = new Dictionary<string, string>
            {
                ["crinference.manifest"] = """{"parameters":[{"name":"alpha","latex":"\\alpha_{\\rm s}","unit":"km s^-1"}]}""",
            };
            using ParquetRowGroupWriter rowGroup = writer.CreateRowGroup();
            await rowGroup.WriteAsync<float>(schema.DataFields[0], x.Select(v => (float)v).ToArray());
            await rowGroup.WriteAsync<double>(schema.DataFields[1], y);
            await rowGroup.WriteAsync<long>(schema.DataFields[2], Enumerable.Range(0, x.Length).Select(i => (long)i).ToArray());
            await rowGroup.WriteAsync(schema.DataFields[3], (IReadOnlyCollection<string>)[.. x.Select(v => v > 1 ? "hi" : "lo")]);
            await rowGroup.WriteAsync<double>(schema.DataFields[4], x.Select((_, i) => 1.0 + (i % 2)).ToArray());
        }

        return path;
    }

    [Fact]
    public async Task ReadAsync_ForeignFile_NumericColumnsLabelsWeights()
    {
        string path = await WriteForeignFileAsync();

        SampleTable table = await SampleTableReader.ReadAsync(path);

        Assert.Equal(["alpha", "beta", "step"], table.ParameterNames);
        Assert.Equal(3000, table.RowCount);
        Assert.Equal("αₛ [km s⁻¹]", table.GetColumn("alpha").AxisLabel);
        Assert.Equal(2.0, table.Weights![1]);
        Assert.Equal("string", table.NonNumericColumns["tag"]);
    }

    [Fact]
    public async Task ReadAsync_ForeignFile_CornerPlots()
    {
        string path = await WriteForeignFileAsync();
        SampleTable table = await SampleTableReader.ReadAsync(path, ["alpha", "beta"]);
        string png = _output.File("foreign-corner.png");

        CornerPlot.Render(table, new CornerOptions { Parameters = ["alpha", "beta"] }, png);

        TestOutput.AssertPng(png);
    }

    [Fact]
    public async Task ReadAsync_StringColumnAsked_NotNumericError()
    {
        string path = await WriteForeignFileAsync();

        var e = await Assert.ThrowsAsync<PlotInputException>(() => SampleTableReader.ReadAsync(path, ["alpha", "tag"]));

        Assert.Equal($"{path}: column 'tag' is not numeric (string)", e.Message);
    }

    [Fact]
    public async Task ReadAsync_MissingColumn_NamesFileAndColumns()
    {
        string path = await WriteForeignFileAsync();

        var e = await Assert.ThrowsAsync<PlotInputException>(() => SampleTableReader.ReadAsync(path, ["gamma"]));

        Assert.Equal($"{path}: column 'gamma' not found (columns: alpha, beta, step, tag, weight)", e.Message);
    }

    [Fact]
    public async Task ReadAsync_EmptyFile_OneLineError()
    {
        string path = _output.File("empty.parquet");
        await File.WriteAllBytesAsync(path, []);

        var e = await Assert.ThrowsAsync<PlotInputException>(() => SampleTableReader.ReadAsync(path));

        Assert.Equal($"{path}: file is empty (0 bytes), not a Parquet file", e.Message);
    }
}
