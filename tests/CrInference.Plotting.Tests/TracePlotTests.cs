namespace CrInference.Plotting.Tests;

public sealed class TracePlotTests : IDisposable
{
    private readonly TestOutput _output = new();

    public void Dispose() => _output.Dispose();

    [Fact]
    public void Render_WalkersWithTau_WritesPng()
    {
        string path = _output.File("trace.png");

        TracePlot.Render(
            SyntheticChains.Walkers(20, 32, 300, 3),
            new TraceOptions { Tau = new Dictionary<string, double> { ["log10_D0"] = 3.5, ["delta"] = 12 }, BurnIn = 30 },
            path);

        (int width, int _) = TestOutput.AssertPng(path);
        Assert.Equal(1200, width);
    }

    [Fact]
    public void Render_NoChainOrDraw_OneWalkerSvg()
    {
        (double[] x, double[] y) = CorrelatedGaussian.Draw(21, 500);
        var table = new SampleTable([new SampleColumn("x", x), new SampleColumn("y", y)], "single.csv");
        string path = _output.File("trace.svg");

        TracePlot.Render(table, new TraceOptions { Title = "single chain" }, path);

        TestOutput.AssertSvg(path, minimumPaths: 4);
    }

    [Fact]
    public void Render_TauForMissingColumn_Refused()
    {
        var e = Assert.Throws<PlotInputException>(() => TracePlot.Render(
            SyntheticChains.Walkers(22, 4, 10, 2),
            new TraceOptions { Tau = new Dictionary<string, double> { ["zeta"] = 5 } },
            _output.File("t.png")));

        Assert.StartsWith("/runs/a/chain.parquet: column 'zeta' not found", e.Message, StringComparison.Ordinal);
    }
}
