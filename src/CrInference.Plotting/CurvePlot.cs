using ScottPlot;

namespace CrInference.Plotting;

/// <summary>
/// Multi-line figure, log-log by default, for the paper's curve figures (κ(R) with reference
/// power laws, θ_c(kL), …): each <see cref="CurveSeries"/> is a line with its own pattern and
/// colour, named in the legend.
/// </summary>
public static class CurvePlot
{
    /// <summary>Renders the curves to a .png or .svg file.</summary>
    /// <exception cref="PlotInputException">No curve has a point to draw, a curve's arrays differ in
    /// length, or the output extension is not .png or .svg.</exception>
    public static void Render(IReadOnlyList<CurveSeries> curves, CurvePlotOptions options, string outPath)
    {
        ArgumentNullException.ThrowIfNull(curves);
        ArgumentNullException.ThrowIfNull(options);
        Figure.CheckOutputPath(outPath);
        var xScale = new AxisScale(options.LogX);
        var yScale = new AxisScale(options.LogY);

        Plot plot = PlotTheme.NewPanel(13, 15);
        int drawn = 0;
        for (int c = 0; c < curves.Count; c++)
        {
            drawn += AddCurve(plot, curves[c], xScale, yScale, PlotTheme.CurveColors[c % PlotTheme.CurveColors.Length], outPath);
        }

        if (drawn == 0)
        {
            throw new PlotInputException($"{outPath}: no curve has a point to draw{(options.LogX || options.LogY ? " (non-positive values are skipped on log axes)" : string.Empty)}");
        }

        (double Min, double Max) xRange = options.XLimits is { } xl
            ? (xScale.ToPlot(xl.Min), xScale.ToPlot(xl.Max))
            : xScale.Range(curves.SelectMany(c => c.X), 0.02);
        (double Min, double Max) yRange = options.YLimits is { } yl
            ? (yScale.ToPlot(yl.Min), yScale.ToPlot(yl.Max))
            : yScale.Range(curves.SelectMany(c => c.Y.Where((y, i) => i < c.X.Length && double.IsFinite(xScale.ToPlot(c.X[i])))), 0.04);
        if (!double.IsFinite(xRange.Min + xRange.Max + yRange.Min + yRange.Max) || xRange.Max <= xRange.Min || yRange.Max <= yRange.Min)
        {
            throw new PlotInputException($"{outPath}: invalid axis limits (log axes need positive limits, min < max)");
        }

        PlotTheme.SetTicks(plot.Axes.Bottom, xScale.Ticks(xRange.Min, xRange.Max, 6), true);
        PlotTheme.SetTicks(plot.Axes.Left, yScale.Ticks(yRange.Min, yRange.Max, 6), true);
        plot.Axes.SetLimits(xRange.Min, xRange.Max, yRange.Min, yRange.Max);
        plot.Axes.Bottom.Label.Text = LabelText.FromLatex(options.XLabel);
        plot.Axes.Left.Label.Text = LabelText.FromLatex(options.YLabel);
        if (!string.IsNullOrEmpty(options.Title))
        {
            plot.Axes.Title.Label.Text = LabelText.FromLatex(options.Title);
            plot.Axes.Title.Label.FontSize = 16;
        }

        PlotTheme.ShowLegend(plot, options.Legend, 13);
        using var figure = new Figure(options.Width, options.Height);
        figure.Add(plot, PlotTheme.Rect(0, 0, options.Width, options.Height));
        figure.Save(outPath);
    }

    /// <summary>Adds one curve in plot coordinates; returns the number of points drawn.</summary>
    internal static int AddCurve(Plot plot, CurveSeries curve, AxisScale xScale, AxisScale yScale, Color fallback, string context)
    {
        if (curve.X.Length != curve.Y.Length)
        {
            throw new PlotInputException($"{context}: curve '{curve.Label}' has {curve.X.Length} x values and {curve.Y.Length} y values");
        }

        var xs = new List<double>(curve.X.Length);
        var ys = new List<double>(curve.Y.Length);
        for (int i = 0; i < curve.X.Length; i++)
        {
            double x = xScale.ToPlot(curve.X[i]);
            double y = yScale.ToPlot(curve.Y[i]);
            if (double.IsFinite(x) && double.IsFinite(y))
            {
                xs.Add(x);
                ys.Add(y);
            }
        }

        if (xs.Count == 0)
        {
            return 0;
        }

        var line = plot.Add.ScatterLine(xs.ToArray(), ys.ToArray(), curve.Color is null ? fallback : Color.FromHex(curve.Color));
        line.LineWidth = curve.Width;
        line.LinePattern = PlotTheme.Pattern(curve.Style);
        line.MarkerSize = 0;
        line.LegendText = LabelText.FromLatex(curve.Label);
        return xs.Count;
    }
}
