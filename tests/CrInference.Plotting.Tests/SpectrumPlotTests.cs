namespace CrInference.Plotting.Tests;

public sealed class SpectrumPlotTests : IDisposable
{
    private readonly TestOutput _output = new();

    public void Dispose() => _output.Dispose();

    private static double[] Grid(double a, double b, int n) =>
        [.. Enumerable.Range(0, n).Select(i => a * Math.Pow(b / a, i / (n - 1.0)))];

    private static ModelBand Band(double[] x, Func<double, double> f, double relative) => new(
        x,
        [.. x.Select(f)],
        [.. x.Select(v => f(v) * (1 - relative))],
        [.. x.Select(v => f(v) * (1 + relative))],
        [.. x.Select(v => f(v) * (1 - (2 * relative)))],
        [.. x.Select(v => f(v) * (1 + (2 * relative)))]);

    private static SpectrumPanel[] Panels()
    {
        static double Proton(double r) => 1.2e4 * Math.Pow(r, -0.15) / (1 + Math.Pow(2.0 / r, 2.5));
        static double Hydrogen(double e) => 20 * Math.Pow(e / 0.01, 0.3) / (1 + Math.Pow(e / 0.1, 1.2));
        static double BoronToCarbon(double r) => 0.3 * Math.Pow(r / 10, -0.45) / (1 + Math.Pow(1.5 / r, 1.5));
        double[] pr = Grid(1, 1800, 40);
        double[] hx = Grid(0.003, 0.3, 10);
        double[] bx = Grid(2, 2000, 30);
        return
        [
            new SpectrumPanel("Protons", "R [GV]", "R^{2.7} J [m^-2 s^-1 sr^-1 GV^{1.7}]")
            {
                Data = [new SpectrumData("AMS-02", pr, [.. pr.Select(v => Proton(v) * 1.01)], [.. pr.Select(v => Proton(v) * 0.02)])],
                Model = Band(Grid(0.8, 3000, 100), Proton, 0.02),
                Curves = [new CurveSeries("component", pr, [.. pr.Select(v => Proton(v) * 0.9)]) { Style = CurveStyle.Dashed }],
                Legend = LegendPosition.LowerRight,
            },
            new SpectrumPanel("Voyager 1 H", "E_k [GeV/n]", "J")
            {
                Data = [new SpectrumData("Voyager 1", hx, [.. hx.Select(Hydrogen)], [.. hx.Select(v => 0.08 * Hydrogen(v))])],
                Model = Band(Grid(0.002, 0.5, 60), Hydrogen, 0.05),
                Legend = LegendPosition.LowerLeft,
            },
            new SpectrumPanel("B/C", "R [GV]", "B/C")
            {
                Data = [new SpectrumData("AMS-02", bx, [.. bx.Select(BoronToCarbon)], [.. bx.Select(v => 0.04 * BoronToCarbon(v))])],
                Model = Band(Grid(1, 3000, 80), BoronToCarbon, 0.03),
                LogY = false,
            },
        ];
    }

    [Fact]
    public void Render_ThreePanels_PngOfExpectedSize()
    {
        string path = _output.File("spectra.png");
        var options = new SpectrumPlotOptions { Title = "posterior predictive" };

        SpectrumPlot.Render(Panels(), options, path);

        (int width, int _) = TestOutput.AssertPng(path);
        Assert.Equal(3 * options.PanelWidth, width);
    }

    [Fact]
    public void Render_Svg_WritesCompleteVectorFile()
    {
        string path = _output.File("spectra.svg");

        SpectrumPlot.Render(Panels()[..1], new SpectrumPlotOptions(), path);

        TestOutput.AssertSvg(path, minimumPaths: 30);
    }

    [Fact]
    public void Render_MismatchedArrays_OneLineError()
    {
        var panel = new SpectrumPanel("bad", "x", "y") { Data = [new SpectrumData("d", [1, 2], [1, 2], [0.1])] };

        var e = Assert.Throws<PlotInputException>(() => SpectrumPlot.Render([panel], new SpectrumPlotOptions(), _output.File("s.png")));

        Assert.Contains("data 'd' has 2 x, 2 y and 1 σ values", e.Message, StringComparison.Ordinal);
    }
}
