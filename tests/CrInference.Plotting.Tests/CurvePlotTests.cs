namespace CrInference.Plotting.Tests;

public sealed class CurvePlotTests : IDisposable
{
    private readonly TestOutput _output = new();

    public void Dispose() => _output.Dispose();

    [Fact]
    public void Render_LogLogWithPowerLaws_PngOfRequestedSize()
    {
        double[] r = [.. Enumerable.Range(0, 50).Select(i => Math.Pow(10, -1 + (5 * i / 49.0)))];
        CurveSeries[] curves =
        [
            new(@"\kappa_\parallel", r, [.. r.Select(v => 1e28 * Math.Sqrt(v))]),
            new(@"\kappa_\perp", r, [.. r.Select(v => 3e27 * Math.Pow(v, 0.6))]) { Style = CurveStyle.Dashed },
            CurveSeries.PowerLaw("R^{1/3}", 1, 1e28, 1.0 / 3, 0.1, 1e4),
        ];
        string path = _output.File("curves.png");

        CurvePlot.Render(curves, new CurvePlotOptions { XLabel = "R [GV]", YLabel = @"\kappa [cm^2 s^-1]", Width = 640, Height = 480 }, path);

        Assert.Equal((640, 480), TestOutput.AssertPng(path));
    }

    [Fact]
    public void PowerLaw_PassesThroughReferencePointWithSlope()
    {
        CurveSeries line = CurveSeries.PowerLaw("p", 10, 5, -2.5, 1, 100);

        double slope = Math.Log(line.Y[^1] / line.Y[0]) / Math.Log(line.X[^1] / line.X[0]);
        Assert.Equal(-2.5, slope, 12);
        Assert.Equal(5 * Math.Pow(0.1, -2.5), line.Y[0], 6);
    }

    [Fact]
    public void Render_OnlyNonPositiveValuesOnLogAxes_Refused()
    {
        var e = Assert.Throws<PlotInputException>(() => CurvePlot.Render(
            [new CurveSeries("zero", [1, 2], [0, 0])], new CurvePlotOptions(), _output.File("c.png")));

        Assert.Contains("no curve has a point to draw", e.Message, StringComparison.Ordinal);
    }
}
