namespace CrInference.Plotting.Tests;

public sealed class CornerPlotTests : IDisposable
{
    private readonly TestOutput _output = new();

    public void Dispose() => _output.Dispose();

    [Fact]
    public void Render_ThreeParametersWithTruthsAndCompare_WritesPng()
    {
        SampleTable main = SyntheticChains.Walkers(1, 32, 200, 3);
        SampleTable other = SyntheticChains.Walkers(2, 32, 200, 3, shift: 0.5, source: "/runs/b/chain.parquet");
        string path = _output.File("corner3-compare.png");

        CornerPlot.Render(main, new CornerOptions
        {
            BurnIn = 20,
            Thin = 2,
            Truths = new Dictionary<string, double> { ["delta"] = 10.6, ["log10_D0"] = 0.45 },
            Compare = other,
            Name = "diffusion",
            CompareName = "reacceleration",
        }, path);

        (int width, int height) = TestOutput.AssertPng(path);
        Assert.InRange(width, 3 * 260, 3 * 260 + 200);
        Assert.InRange(height, 3 * 260, 3 * 260 + 200);
    }

    [Fact]
    public void Render_Svg_WritesCompleteVectorFile()
    {
        string path = _output.File("corner2.svg");

        CornerPlot.Render(SyntheticChains.Walkers(3, 16, 200, 2), new CornerOptions(), path);

        TestOutput.AssertSvg(path, minimumPaths: 20);
    }

    [Fact]
    public void Render_TwelveParameters_CanvasScalesAndDecodes()
    {
        string path = _output.File("corner12.png");

        CornerPlot.Render(SyntheticChains.Walkers(4, 24, 150, 12), new CornerOptions { FillContours = false }, path);

        (int width, int height) = TestOutput.AssertPng(path);
        Assert.True(width >= 12 * 165 && height >= 12 * 165, $"{width}x{height}");
        Assert.InRange((double)width / height, 0.9, 1.1);
    }

    [Fact]
    public void Render_NoChainOrDrawColumns_WeightColumnRespected()
    {
        (double[] x, double[] y) = CorrelatedGaussian.Draw(5, 4000);
        double[] weights = [.. x.Select((_, i) => 1.0 + (i % 3))];
        var table = new SampleTable(
            [new SampleColumn("x", x), new SampleColumn("y", y), new SampleColumn("weight", weights)],
            "plain.parquet");
        string path = _output.File("corner-plain.png");

        CornerPlot.Render(table, new CornerOptions { BurnIn = 100, Thin = 2 }, path);

        TestOutput.AssertPng(path);
    }

    [Fact]
    public void Render_ConstantColumn_StillRenders()
    {
        (double[] x, _) = CorrelatedGaussian.Draw(12, 2000);
        var table = new SampleTable([new SampleColumn("x", x), new SampleColumn("fixed", [.. x.Select(_ => 3.0)])], "fixed.parquet");
        string path = _output.File("corner-constant.png");

        CornerPlot.Render(table, new CornerOptions(), path);

        TestOutput.AssertPng(path);
    }

    [Fact]
    public void Render_MissingColumn_OneLineErrorNamingFileAndColumn()
    {
        SampleTable table = SyntheticChains.Walkers(6, 4, 10, 2);

        var e = Assert.Throws<PlotInputException>(() =>
            CornerPlot.Render(table, new CornerOptions { Parameters = ["delta", "nope"] }, _output.File("x.png")));

        Assert.StartsWith("/runs/a/chain.parquet: column 'nope' not found", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
        Assert.False(File.Exists(_output.File("x.png")));
    }

    [Fact]
    public void Render_CompareLacksColumn_ErrorNamesCompareFile()
    {
        SampleTable main = SyntheticChains.Walkers(7, 4, 10, 3);
        SampleTable other = SyntheticChains.Walkers(8, 4, 10, 2, source: "other.parquet");

        var e = Assert.Throws<PlotInputException>(() =>
            CornerPlot.Render(main, new CornerOptions { Compare = other }, _output.File("x.png")));

        Assert.StartsWith("other.parquet: column 'v_A_km_s' not found", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NonNumericColumn_SaysNotNumeric()
    {
        var table = new SampleTable([new SampleColumn("x", [1, 2, 3])], "s.parquet", null, new Dictionary<string, string> { ["tag"] = "string" });

        var e = Assert.Throws<PlotInputException>(() =>
            CornerPlot.Render(table, new CornerOptions { Parameters = ["x", "tag"] }, _output.File("x.png")));

        Assert.Equal("s.parquet: column 'tag' is not numeric (string)", e.Message);
    }

    [Fact]
    public void Render_EmptyTable_SaysNoRows()
    {
        var table = new SampleTable([new SampleColumn("x", []), new SampleColumn("y", [])], "empty.parquet");

        var e = Assert.Throws<PlotInputException>(() => CornerPlot.Render(table, new CornerOptions(), _output.File("x.png")));

        Assert.Equal("empty.parquet: the table has no rows", e.Message);
    }

    [Fact]
    public void Render_BurnInRemovesEverything_SaysSo()
    {
        SampleTable table = SyntheticChains.Walkers(9, 4, 10, 2);

        var e = Assert.Throws<PlotInputException>(() => CornerPlot.Render(table, new CornerOptions { BurnIn = 50 }, _output.File("x.png")));

        Assert.StartsWith("/runs/a/chain.parquet: no rows left after burn-in 50", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_OnlyBookkeepingColumns_SaysNothingToPlot()
    {
        var table = new SampleTable([new SampleColumn("chain", [0, 1]), new SampleColumn("log_prior", [0, 0])], "b.parquet");

        var e = Assert.Throws<PlotInputException>(() => CornerPlot.Render(table, new CornerOptions(), _output.File("x.png")));

        Assert.Equal("b.parquet: no parameter columns to plot (only bookkeeping columns)", e.Message);
    }

    [Fact]
    public void Render_UnsupportedExtension_Refused()
    {
        var e = Assert.Throws<PlotInputException>(() =>
            CornerPlot.Render(SyntheticChains.Walkers(10, 4, 10, 2), new CornerOptions(), _output.File("x.jpg")));

        Assert.EndsWith("x.jpg: unsupported output format '.jpg' (use .png or .svg)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_TruthForUnknownColumn_Refused()
    {
        var e = Assert.Throws<PlotInputException>(() => CornerPlot.Render(
            SyntheticChains.Walkers(11, 4, 10, 2),
            new CornerOptions { Truths = new Dictionary<string, double> { ["gamma"] = 1 } },
            _output.File("x.png")));

        Assert.StartsWith("/runs/a/chain.parquet: column 'gamma' not found", e.Message, StringComparison.Ordinal);
    }
}
